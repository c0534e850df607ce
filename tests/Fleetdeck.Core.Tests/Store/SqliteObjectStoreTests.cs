using Microsoft.Data.Sqlite;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Store;

/// <summary>What the SQLite backend adds to the contract: durability, refusal of bad state files, group commit, history limits.</summary>
public sealed class SqliteObjectStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File("state.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Objects_and_versions_survive_a_reopen()
    {
        string version;
        await using (var store = SqliteObjectStore.Open(DbPath, TestKinds.Registry()))
        {
            var created = await store.CreateAsync(Widget.Make("ns", "w", "teal"));
            version = created.Metadata.ResourceVersion;
        }

        await using var reopened = SqliteObjectStore.Open(DbPath, TestKinds.Registry());
        IObjectStore view = reopened;
        (await view.GetAsync<Widget>("ns", "w"))!.Spec.Color.ShouldBe("teal");
        var next = await view.CreateAsync(Widget.Make("ns", "w2"));
        long.Parse(next.Metadata.ResourceVersion).ShouldBeGreaterThan(long.Parse(version));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_alone()
    {
        File.WriteAllText(DbPath, "these are someone's notes, not a database\n");

        var error = Should.Throw<StateFileException>(() => SqliteObjectStore.Open(DbPath, TestKinds.Registry()));

        error.Message.ShouldContain(DbPath);
        error.Message.ShouldContain("will not overwrite");
        File.ReadAllText(DbPath).ShouldStartWith("these are someone's notes");
    }

    [Fact]
    public void Another_applications_database_is_refused()
    {
        using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);";
            command.ExecuteNonQuery();
        }

        Should.Throw<StateFileException>(() => SqliteObjectStore.Open(DbPath, TestKinds.Registry()))
            .Message.ShouldContain("not a Fleetdeck state file");
    }

    [Fact]
    public async Task A_state_file_from_a_newer_fleetdeck_is_refused()
    {
        await using (SqliteObjectStore.Open(DbPath, TestKinds.Registry()))
        {
        }
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value='99' WHERE key='schema_version';";
            command.ExecuteNonQuery();
        }

        Should.Throw<StateFileException>(() => SqliteObjectStore.Open(DbPath, TestKinds.Registry()))
            .Message.ShouldContain("newer Fleetdeck (state schema 99");
    }

    [Fact]
    public async Task Concurrent_writes_are_all_acknowledged_with_distinct_versions()
    {
        await using var store = SqliteObjectStore.Open(DbPath, TestKinds.Registry());

        var created = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => store.CreateAsync(Widget.Make("ns", $"w{i}"))));

        created.Select(c => c.Metadata.ResourceVersion).Distinct().Count().ShouldBe(300);
        IObjectStore view = store;
        (await view.ListAsync<Widget>()).Count.ShouldBe(300);
        store.CommittedWrites.ShouldBe(300);
    }

    [Fact]
    public async Task A_failed_write_in_a_batch_does_not_undo_the_others()
    {
        await using var store = SqliteObjectStore.Open(DbPath, TestKinds.Registry());
        await store.CreateAsync(Widget.Make("ns", "taken"));

        var attempts = Enumerable.Range(0, 50).Select(i => store.CreateAsync(Widget.Make("ns", i == 25 ? "taken" : $"w{i}"))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await a;
                return true;
            }
            catch (AlreadyExistsException)
            {
                return false;
            }
        }));

        outcomes.Count(ok => ok).ShouldBe(49);
        IObjectStore view = store;
        (await view.ListAsync<Widget>()).Count.ShouldBe(50);
    }

    [Fact]
    public async Task History_beyond_the_limit_is_compacted_and_old_watches_expire()
    {
        await using var store = SqliteObjectStore.Open(DbPath, TestKinds.Registry(), new StoreOptions { HistoryLimit = 20 });
        var first = await store.CreateAsync(Widget.Make("ns", "w0"));
        for (var i = 1; i < 60; i++) await store.CreateAsync(Widget.Make("ns", $"w{i}"));

        await Should.ThrowAsync<ExpiredException>(async () =>
        {
            await foreach (var _ in store.WatchAsync(store.Kinds.Get<Widget>(), new WatchOptions { ResourceVersion = first.Metadata.ResourceVersion }))
            {
            }
        });
    }
}
