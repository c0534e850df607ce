using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Testing;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>A fresh SQLite store in a temp directory, served by a façade on a free loopback port; one per test class.</summary>
public class KubeApiFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("fleetdeck-kubeapi");

    public SqliteObjectStore Store { get; private set; } = null!;

    public KubeApiServer Server { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public string Directory => _dir.Path;

    protected virtual KubeApiServerOptions Options => new();

    public virtual async Task InitializeAsync()
    {
        Store = SqliteObjectStore.Open(_dir.File("state.db"), TestKinds.Registry(), new StoreOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        Server = await KubeApiServer.StartAsync(Store, Options);
        Api = new ApiClient(Server.BaseAddress, TrustingHandler(Server));
    }

    public virtual async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>A handler that trusts the server's own certificate when it serves HTTPS (and nothing else).</summary>
    public static HttpMessageHandler TrustingHandler(KubeApiServer server) => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None ||
            (server.Certificate is not null && certificate is not null && certificate.RawData.AsSpan().SequenceEqual(server.Certificate.RawData)),
    };

    /// <summary>A kubeconfig for this server in the fixture's directory, and a kubectl that uses it.</summary>
    public Kubectl Kubectl(string? token = null, string name = "kubeconfig")
    {
        var path = _dir.File(name);
        KubeconfigWriter.Write(path, Server, token);
        var cache = _dir.File(name + "-cache");
        System.IO.Directory.CreateDirectory(cache);
        return new Kubectl(path, cache);
    }

    /// <summary>A namespace of its own for each test, so tests sharing a fixture do not see each other's objects.</summary>
    public static string NewNamespace(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
