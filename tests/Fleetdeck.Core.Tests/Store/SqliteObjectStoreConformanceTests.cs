using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Testing;
using Fleetdeck.Testing.Conformance;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Store;

/// <summary>The store contract on the embedded SQLite backend.</summary>
public sealed class SqliteObjectStoreConformanceTests : ObjectStoreConformance, IDisposable
{
    private readonly TempDirectory _dir = new();
    private SqliteObjectStore? _sqlite;

    protected override Task<IObjectStore> CreateStoreAsync()
    {
        _sqlite = SqliteObjectStore.Open(_dir.File("state.db"), TestKinds.Registry(), new StoreOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        return Task.FromResult<IObjectStore>(_sqlite);
    }

    protected override Task CompactAsync(long throughResourceVersion) => _sqlite!.CompactAsync(throughResourceVersion);

    protected override TimeSpan BookmarkWithin => TimeSpan.FromMilliseconds(500);

    public void Dispose() => _dir.Dispose();
}
