using k8s;
using k8s.Exceptions;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// An authenticated HTTP connection to a Kubernetes API server, from a kubeconfig or the pod's service account,
/// built with KubernetesClient (which handles certificates, tokens and exec plugins).
/// </summary>
public sealed class KubeConnection : IDisposable
{
    private readonly k8s.Kubernetes _client;

    private KubeConnection(KubernetesClientConfiguration configuration, string source)
    {
        Source = source;
        Configuration = configuration;
        _client = new k8s.Kubernetes(configuration);
    }

    /// <summary>Where the configuration came from: a kubeconfig path or "in-cluster".</summary>
    public string Source { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public Uri BaseUri => _client.BaseUri;

    public string DefaultNamespace => string.IsNullOrEmpty(Configuration.Namespace) ? "default" : Configuration.Namespace;

    /// <summary>The official client, for what it does well (leader election's <c>LeaseLock</c>, typed calls).</summary>
    public IKubernetes Client => _client;

    public static KubeConnection FromKubeconfig(string path, string? context = null)
    {
        if (!File.Exists(path))
            throw new KubeConfigException($"kubeconfig {path} does not exist");
        try
        {
            return new KubeConnection(KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context), path);
        }
        catch (Exception e) when (e is not KubeConfigException)
        {
            throw new KubeConfigException($"kubeconfig {path} cannot be used: {e.Message}");
        }
    }

    public static KubeConnection InCluster() => new(KubernetesClientConfiguration.InClusterConfig(), "in-cluster");

    /// <summary>Sends a request with the connection's credentials.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(BaseUri, request.RequestUri!.ToString().TrimStart('/'));
        if (_client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await _client.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();
}
