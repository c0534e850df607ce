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
        Api = new ApiClient(Server.BaseAddress);
    }

    public virtual async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>A namespace of its own for each test, so tests sharing a fixture do not see each other's objects.</summary>
    public static string NewNamespace(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
