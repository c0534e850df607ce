using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Testing;

/// <summary>A fresh SQLite store in a temp directory, with the test kinds registered; both go on dispose.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("fleetdeck-store");

    public TestStore(StoreOptions? options = null, KindRegistry? kinds = null)
    {
        Sqlite = SqliteObjectStore.Open(_dir.File("state.db"), kinds ?? TestKinds.Registry(),
            options ?? new StoreOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
    }

    public SqliteObjectStore Sqlite { get; }

    public IObjectStore Store => Sqlite;

    public string Directory => _dir.Path;

    public async ValueTask DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        _dir.Dispose();
    }
}
