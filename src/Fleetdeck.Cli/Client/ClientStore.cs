using k8s.Exceptions;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Cli.Client;

/// <summary>The store the client commands work through: the API server named by the kubeconfig (a local façade or a real cluster).</summary>
internal sealed class ClientStore : IDisposable
{
    private readonly KubeConnection _connection;

    private ClientStore(KubeConnection connection)
    {
        _connection = connection;
        Store = new KubernetesObjectStore(connection, Modules.Kinds());
    }

    public IObjectStore Store { get; }

    public string DefaultNamespace => _connection.DefaultNamespace;

    public static ClientStore Open(string? kubeconfigFlag)
    {
        var path = KubeconfigLocator.Resolve(kubeconfigFlag);
        try
        {
            return new ClientStore(KubeConnection.FromKubeconfig(path));
        }
        catch (KubeConfigException e)
        {
            throw new CliException(e.Message);
        }
    }

    public void Dispose() => _connection.Dispose();
}
