using k8s;
using k8s.Exceptions;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// An authenticated HTTP connection to a Kubernetes API server, from a kubeconfig or the pod's service account,
/// built with KubernetesClient (which handles certificates, tokens, token rotation and exec plugins).
/// Every way a kubeconfig can be wrong surfaces as one <see cref="KubeConfigException"/> naming the file and the problem.
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
        if (Directory.Exists(path)) throw new KubeConfigException($"kubeconfig {path} is a directory, not a file");
        if (!File.Exists(path)) throw new KubeConfigException($"kubeconfig {path} does not exist");
        try
        {
            using var _ = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"kubeconfig {path} cannot be read: {e.Message}");
        }
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
        }
        catch (Exception e)
        {
            throw new KubeConfigException($"kubeconfig {path} cannot be used: {OneLine(e.Message)}");
        }
        if (string.IsNullOrEmpty(configuration.Host))
            throw new KubeConfigException($"kubeconfig {path} names no API server (its cluster has no \"server\")");
        try
        {
            return new KubeConnection(configuration, path);
        }
        catch (Exception e) when (e is not KubeConfigException)
        {
            throw new KubeConfigException($"kubeconfig {path} cannot be used: {OneLine(e.Message)}");
        }
    }

    /// <summary>The pod's service account, when running in a pod.</summary>
    public static KubeConnection InCluster()
    {
        try
        {
            return new KubeConnection(KubernetesClientConfiguration.InClusterConfig(), "in-cluster");
        }
        catch (Exception e) when (e is not KubeConfigException)
        {
            throw new KubeConfigException($"the pod's service account cannot be used: {OneLine(e.Message)}");
        }
    }

    /// <summary>
    /// The connection an operator uses: <paramref name="kubeconfig"/> when given, else <c>KUBECONFIG</c>, else the pod's
    /// service account when running in a pod, else <c>~/.kube/config</c>.
    /// </summary>
    public static KubeConnection Resolve(string? kubeconfig, string? context = null)
    {
        if (!string.IsNullOrEmpty(kubeconfig)) return FromKubeconfig(kubeconfig, context);
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(env))
        {
            // KUBECONFIG may list several files; the first that exists is used.
            var first = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists)
                ?? throw new KubeConfigException($"no file named by KUBECONFIG ({env}) exists");
            return FromKubeconfig(first, context);
        }
        if (KubernetesClientConfiguration.IsInCluster()) return InCluster();
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home)) return FromKubeconfig(home, context);
        throw new KubeConfigException("no Kubernetes cluster to talk to: pass --kubeconfig, set KUBECONFIG, or run in a pod");
    }

    /// <summary>Asks the server for its version, so that a kubeconfig pointing nowhere fails now, in one line, not in every informer later.</summary>
    public async Task<string> CheckReachableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/version");
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            if ((int)response.StatusCode is 401 or 403)
                throw Unreachable($"the server refused the credentials (HTTP {(int)response.StatusCode})");
            if (!response.IsSuccessStatusCode) throw Unreachable($"HTTP {(int)response.StatusCode} from /version");
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            var version = System.Text.Json.Nodes.JsonNode.Parse(body)?["gitVersion"]?.ToString();
            return version ?? "unknown";
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(InnermostMessage(e));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (System.Text.Json.JsonException)
        {
            throw Unreachable("/version did not answer with JSON: is this a Kubernetes API server?");
        }
    }

    private KubeConfigException Unreachable(string why) =>
        new($"cannot reach the Kubernetes API server at {BaseUri} ({(Source == "in-cluster" ? "in-cluster configuration" : $"kubeconfig {Source}")}): {why}");

    /// <summary>Sends a request with the connection's credentials.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(BaseUri, request.RequestUri!.ToString().TrimStart('/'));
        if (_client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await _client.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static string InnermostMessage(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return OneLine(e.Message);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public void Dispose() => _client.Dispose();
}
