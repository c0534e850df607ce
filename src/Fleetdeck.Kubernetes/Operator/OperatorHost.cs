using Microsoft.Extensions.Logging;
using Prometheus;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Kubernetes.Install;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Kubernetes.Operator;

/// <summary>
/// <c>fleetdeck operator</c>: the given modules against a Kubernetes API server, nothing in them changed, driven through
/// the same lifecycle as in <c>fleetdeck up</c> (<see cref="ModuleSet"/>): started once, their controllers added to a fresh
/// manager for each term. Checks at start that the server answers and serves every watched kind; serves metrics and
/// health; with leader election, reconciles only while holding the Lease: losing it ends the term's managers (caches,
/// queues, runnables), and a new term gets fresh ones. With watch namespaces, one manager per namespace, so that the
/// operator needs no cluster-wide read access.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly OperatorOptions _options;
    private readonly KubernetesObjectStore _store;
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly LeaseElection? _election;
    private readonly ModuleSet _modules;
    private bool _modulesStarted;
    private HealthServer? _health;
    private volatile IReadOnlyList<ControllerManager> _managers = [];
    private Task _running = Task.CompletedTask;
    private long _terms;

    private OperatorHost(KubeConnection connection, OperatorOptions options, KindRegistry kinds)
    {
        _options = options;
        _modules = new ModuleSet(options.Modules);
        _logger = options.Loggers.CreateLogger("Fleetdeck.Operator");
        _store = new KubernetesObjectStore(connection, kinds, options.Store, options.Loggers.CreateLogger("Fleetdeck.KubernetesStore"));
        _metrics = new RuntimeMetrics(_registry);
        if (options.LeaderElect)
        {
            _election = new LeaseElection(connection, options, options.Loggers.CreateLogger("Fleetdeck.LeaderElection"));
            _election.LeadershipChanged += leading => _metrics.IsLeader.WithLabels($"{options.LeaseNamespace}/{options.LeaseName}").Set(leading ? 1 : 0);
        }
    }

    public KubernetesObjectStore Store => _store;

    public ModuleSet Modules => _modules;

    /// <summary>Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> answer.</summary>
    public Uri MetricsAddress => _health?.Address ?? throw new InvalidOperationException("not started");

    public CollectorRegistry Registry => _registry;

    /// <summary>True while this process reconciles: always without leader election, while holding the Lease with it.</summary>
    public bool IsReconciling => _managers.Count > 0;

    public bool IsLeader => _election?.IsLeader ?? true;

    /// <summary>The managers of the current term (one per watched namespace), empty while not leading.</summary>
    public IReadOnlyList<ControllerManager> Managers => _managers;

    /// <summary>How many times this process has started reconciling.</summary>
    public long Terms => Interlocked.Read(ref _terms);

    /// <summary>Completes when the operator stops: on <see cref="DisposeAsync"/>, or with the error that stopped it.</summary>
    public Task Completion => _running;

    public static async Task<OperatorHost> StartAsync(KubeConnection connection, OperatorOptions options, CancellationToken cancellationToken = default)
    {
        var catalog = ControllerCatalog.From(options.Modules);
        var host = new OperatorHost(connection, options, catalog.Kinds);
        try
        {
            var version = await connection.CheckReachableAsync(options.StartupTimeout, cancellationToken).ConfigureAwait(false);
            await ServedKinds.CheckAsync(connection, catalog.WatchedKinds, options.StartupTimeout, cancellationToken).ConfigureAwait(false);
            await host._modules.StartAsync(new ModuleContext
            {
                Store = host._store,
                Metrics = host._registry,
                Time = options.Time,
                Loggers = options.Loggers,
                HealthChanged = () =>
                {
                    foreach (var manager in host._managers) manager.ResyncNow();
                },
            }, cancellationToken).ConfigureAwait(false);
            host._modulesStarted = true;
            host._health = await HealthServer.StartAsync(options.MetricsAddress, options.MetricsPort, host._registry, host.Liveness, host.Readiness,
                options.Loggers, cancellationToken).ConfigureAwait(false);
            host._logger.LogInformation("Operator for {Controllers} controllers against {Server} (Kubernetes {Version}, {Source}); watching {Scope}; metrics and health on {Metrics}",
                catalog.Controllers.Count, connection.BaseUri, version, connection.Source,
                options.WatchNamespaces.Count == 0 ? "all namespaces" : string.Join(", ", options.WatchNamespaces), host._health.Address);
            host._running = host._election is null
                ? Task.Run(() => host.ReconcileAsync(host._stop.Token), CancellationToken.None)
                : Task.Run(() => host._election.RunAsync(host.ReconcileAsync, host._stop.Token), CancellationToken.None);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One term of reconciling: fresh managers (and caches), one per watched namespace, until cancelled.</summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> scopes = _options.WatchNamespaces.Count == 0 ? [null] : [.. _options.WatchNamespaces];
        var managers = new List<ControllerManager>();
        foreach (var scope in scopes)
        {
            var manager = new ControllerManager(_store, new ManagerOptions
            {
                Time = _options.Time,
                Informers = _options.Informers with { Namespace = scope },
                // A cluster runs its own garbage collector.
                GarbageCollectionInterval = null,
            }, _options.Loggers, _registry);
            _modules.AddControllers(manager);
            managers.Add(manager);
        }
        Interlocked.Increment(ref _terms);
        _managers = managers;
        try
        {
            await Task.WhenAll(managers.Select(m => m.RunAsync(cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the term ended
        }
        finally
        {
            _managers = [];
            foreach (var manager in managers) await manager.DisposeAsync().ConfigureAwait(false);
        }
        if (!cancellationToken.IsCancellationRequested) throw new InvalidOperationException("the controllers stopped on their own");
    }

    private string? Liveness() => _running.IsFaulted ? $"the operator stopped: {_running.Exception?.GetBaseException().Message}" : null;

    private string? Readiness()
    {
        if (Liveness() is { } dead) return dead;
        var managers = _managers;
        if (managers.Count == 0) return _election is null ? "starting" : _modules.Problem; // a standby is ready: it is campaigning
        return managers.All(m => m.Started.IsCompleted) ? _modules.Problem : "caches are syncing";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug("The operator stopped with: {Message}", e.Message);
        }
        if (_modulesStarted) await _modules.StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (_health is not null) await _health.DisposeAsync().ConfigureAwait(false);
        _store.Connection.Dispose();
        _stop.Dispose();
    }
}
