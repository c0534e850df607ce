using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Kubernetes.Crds;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Store;

/// <summary>
/// The stand-in for a real API server: a SQLite store served by the Kubernetes API façade over https with a token on
/// loopback, and a kubeconfig for it. <see cref="Connect"/> gives a <see cref="KubernetesObjectStore"/> that talks to it.
/// </summary>
public sealed class FacadeServer : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly TempDirectory _dir;
    private readonly List<IDisposable> _connections = [];

    private FacadeServer(TempDirectory dir, SqliteObjectStore backing, KubeApiServer server)
    {
        _dir = dir;
        Backing = backing;
        Server = server;
        Kubeconfig = dir.File("kubeconfig");
        KubeconfigWriter.Write(Kubeconfig, server, Token);
    }

    /// <summary>The store behind the façade (what etcd is to a cluster): compact it to force 410 Expired.</summary>
    public SqliteObjectStore Backing { get; }

    public KubeApiServer Server { get; }

    public string Kubeconfig { get; }

    public TempDirectory Directory => _dir;

    public static async Task<FacadeServer> StartAsync(KubeApiServerOptions? options = null, KindRegistry? kinds = null, StoreOptions? storeOptions = null)
    {
        var dir = new TempDirectory("fleetdeck-k8s");
        var backing = SqliteObjectStore.Open(dir.File("state.db"), kinds ?? TestKinds.Registry(),
            storeOptions ?? new StoreOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        options ??= new KubeApiServerOptions();
        // As faithful as the façade goes: custom resources are checked against the CRDs Fleetdeck generates.
        options = options with { BearerToken = Token, UseHttps = true, CustomResourceValidation = options.CustomResourceValidation ?? new CustomResourceSchemas().Admit };
        var server = await KubeApiServer.StartAsync(backing, options);
        return new FacadeServer(dir, backing, server);
    }

    /// <summary>A Kubernetes-backed store on this server, knowing the test kinds (or <paramref name="kinds"/>).</summary>
    public KubernetesObjectStore Connect(KindRegistry? kinds = null, KubernetesStoreOptions? options = null)
    {
        var connection = KubeConnection.FromKubeconfig(Kubeconfig);
        lock (_connections) _connections.Add(connection);
        return new KubernetesObjectStore(connection, kinds ?? TestKinds.Registry(), options);
    }

    /// <summary>An HTTP client for raw requests, with the token, trusting the server's own certificate only.</summary>
    public HttpClient HttpClient() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(Server.Certificate!.RawData),
    })
    {
        BaseAddress = Server.BaseAddress,
        DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token) },
    };

    public async ValueTask DisposeAsync()
    {
        lock (_connections)
            foreach (var connection in _connections) connection.Dispose();
        await Server.DisposeAsync();
        await Backing.DisposeAsync();
        _dir.Dispose();
    }
}
