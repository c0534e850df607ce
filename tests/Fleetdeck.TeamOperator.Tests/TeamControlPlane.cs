using k8s;
using k8s.Models;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;
using Fleetdeck.TeamOperator.Simulation;

namespace Fleetdeck.TeamOperator.Tests;

/// <summary>
/// The team operator running in-process against a real SQLite store: the module's controllers (and, by default, the
/// workload simulator with a short delay). There is no database provisioner here: tests that need products Ready mark
/// PostgresDatabases Ready as the provisioner would (<see cref="ProvisionDatabasesAsync"/>), and say so.
/// </summary>
internal sealed class TeamControlPlane : IAsyncDisposable
{
    public const string Namespace = "posit-team";

    private readonly TestStore _store;
    private readonly CancellationTokenSource _stop = new();
    private ModuleSet _modules = new([]);
    private Task _running = Task.CompletedTask;

    private TeamControlPlane(TestStore store, ControllerManager manager, FakeKeys keys)
    {
        _store = store;
        Manager = manager;
        Keys = keys;
    }

    public IObjectStore Store => _store.Store;

    public Core.Store.Sqlite.SqliteObjectStore Sqlite => _store.Sqlite;

    public ControllerManager Manager { get; }

    public FakeKeys Keys { get; }

    public KindRegistry Kinds => Store.Kinds;

    public static async Task<TeamControlPlane> StartAsync(IMainDatabaseFallback? fallback = null, bool simulate = true, SimulatorOptions? simulator = null)
    {
        var keys = new FakeKeys();
        var module = new TeamOperatorModule(fallback, new TeamOperatorOptions
        {
            Simulator = simulate ? simulator ?? new SimulatorOptions { StartupDelay = TimeSpan.FromMilliseconds(50) } : null,
            Keys = keys,
            MaxConcurrency = 4,
        });
        // Driven as every host drives its parts: kinds, start, controllers (stop at the end).
        var modules = new ModuleSet([module]);
        var store = new TestStore(kinds: modules.Kinds());
        await modules.StartAsync(new ModuleContext { Store = store.Store }, CancellationToken.None);
        await store.Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        // As in `fleetdeck up`, a garbage collector removes what a reconcile made in the instant its owner was deleted.
        var manager = new ControllerManager(store.Store, new ManagerOptions
        {
            Informers = new InformerOptions { ResyncPeriod = null },
            GarbageCollectionInterval = TimeSpan.FromSeconds(1),
        });
        modules.AddControllers(manager);
        var plane = new TeamControlPlane(store, manager, keys) { _modules = modules };
        plane._running = manager.RunAsync(plane._stop.Token);
        await manager.Started.WaitAsync(TimeSpan.FromSeconds(20));
        return plane;
    }

    public static Site Site(string name, string domain = "example.com", Action<SiteSpec>? configure = null)
    {
        var site = new Site { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace } };
        site.Spec.Domain = domain;
        configure?.Invoke(site.Spec);
        return site;
    }

    public Task<T?> GetAsync<T>(string name, string? ns = Namespace) where T : class, IKubernetesObject<V1ObjectMeta> => Store.GetAsync<T>(ns, name);

    /// <summary>Waits until the object satisfies <paramref name="until"/>.</summary>
    public Task<T> WaitAsync<T>(string name, Func<T, bool> until, string because, TimeSpan? timeout = null) where T : class, IKubernetesObject<V1ObjectMeta> =>
        Eventually.GetAsync(async () => (await GetAsync<T>(name))!, o => o is not null && until(o), timeout ?? TimeSpan.FromSeconds(20), because);

    public static bool ReadyIs(IConditionedObject obj, bool value) =>
        obj.Status.Find(Conditions.Ready) is { } ready && ready.Status == (value ? Conditions.True : Conditions.False) && ready.ObservedGeneration == obj.Metadata.Generation;

    /// <summary>Stand-in for the database provisioner (not part of this module): marks every PostgresDatabase Ready.</summary>
    public async Task ProvisionDatabasesAsync()
    {
        foreach (var db in await Store.ListAsync<PostgresDatabase>(new ListOptions { Namespace = Namespace }))
        {
            await Store.MutateAsync<PostgresDatabase>(Namespace, db.Metadata.Name, d =>
                d.Status.Set(Conditions.Ready, true, "Provisioned", "set by the test as the database provisioner would", d.Metadata.Generation, DateTimeOffset.UtcNow) |
                Set(d, d.Metadata.Generation), status: true);
        }
    }

    /// <summary>Keeps marking databases Ready as they appear, until the returned source is cancelled.</summary>
    public CancellationTokenSource ProvisionDatabasesContinuously()
    {
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var db in await Store.ListAsync<PostgresDatabase>(new ListOptions { Namespace = Namespace }))
                        if (!db.IsReady()) await ProvisionDatabasesAsync();
                    await Task.Delay(25, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (StoreException)
                {
                    // raced with a delete or a write: look again
                }
            }
        });
        return stop;
    }

    private static bool Set(PostgresDatabase db, long? generation)
    {
        if (db.Status.ObservedGeneration == generation) return false;
        db.Status.ObservedGeneration = generation;
        return true;
    }

    /// <summary>Waits until no controller has work queued or in progress.</summary>
    public Task IdleAsync() => Eventually.HoldsAsync(async () =>
    {
        if (!Manager.IsIdle) return false;
        await Task.Delay(150);
        return Manager.IsIdle;
    }, TimeSpan.FromSeconds(30), "controllers go idle");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
        }
        await Manager.DisposeAsync();
        await _modules.StopAsync(CancellationToken.None);
        await _store.DisposeAsync();
    }
}
