using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Runs controllers against one store: shared informers and cache, the controllers' work queues and workers, the
/// garbage collector and, when asked, leader election (only the leader reconciles). Stops cleanly on cancellation.
/// </summary>
public sealed class ControllerManager : IAsyncDisposable
{
    private readonly List<ControllerDefinition> _definitions = [];
    private readonly List<Controller> _controllers = [];
    private readonly ManagerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ControllerManager(IObjectStore store, ManagerOptions? options = null, ILoggerFactory? loggers = null, CollectorRegistry? registry = null)
    {
        _options = options ?? new ManagerOptions();
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger("Fleetdeck.ControllerManager");
        Store = store;
        Metrics = new RuntimeMetrics(registry ?? Prometheus.Metrics.NewCustomRegistry());
        Informers = new InformerFactory(store, _options.Informers, _options.Time, _loggers);
        Context = new ControllerContext(store, Informers, new ObjectApplier(store, Informers), _options.Time, _loggers);
    }

    public IObjectStore Store { get; }

    public KindRegistry Kinds => Store.Kinds;

    public InformerFactory Informers { get; }

    public ControllerContext Context { get; }

    public RuntimeMetrics Metrics { get; }

    public IReadOnlyList<ControllerDefinition> Definitions => _definitions;

    public IReadOnlyList<Controller> Controllers => _controllers;

    public LeaderElector? Elector { get; private set; }

    public GarbageCollector? GarbageCollector { get; private set; }

    /// <summary>Completes once the caches have synced and the controllers are running (as leader, if electing).</summary>
    public Task Started => _started.Task;

    public ControllerBuilder NewController(string name) => new(this, name);

    public void Add(ControllerDefinition definition)
    {
        if (_definitions.Any(d => d.Name == definition.Name))
            throw new InvalidOperationException($"a controller named {definition.Name} is already registered");
        _definitions.Add(definition);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in _definitions)
        {
            var controller = new Controller(definition, Context, Metrics);
            controller.Attach(Informers);
            _controllers.Add(controller);
        }
        await Informers.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Caches synced for {Count} kinds; {Controllers} controllers ready", Informers.Informers.Count, _controllers.Count);

        if (_options.GarbageCollectionInterval is { } interval)
            GarbageCollector = new GarbageCollector(Store, _options.Time, _loggers.CreateLogger("Fleetdeck.GarbageCollector"), interval);

        if (_options.LeaderElection is { } election)
        {
            Elector = new LeaderElector(Store, election, _options.Time, _loggers.CreateLogger("Fleetdeck.LeaderElection"), Metrics);
            try
            {
                await Elector.RunAsync(RunControllersAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // shutting down
            }
            return;
        }
        await RunControllersAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        var running = _controllers.Select(c => c.RunAsync(cancellationToken)).ToList();
        if (GarbageCollector is not null) running.Add(GarbageCollector.RunAsync(cancellationToken));
        _started.TrySetResult();
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Hands every cached object to its controllers again, as the periodic resync does.</summary>
    public void ResyncNow()
    {
        foreach (var informer in Informers.Informers) informer.ResyncNow();
    }

    /// <summary>True when no controller has a key queued, waiting or in a reconcile.</summary>
    public bool IsIdle => _controllers.All(c => c.Queue.Depth == 0 && c.Queue.Waiting == 0 && !c.Queue.HasProcessing);

    public async ValueTask DisposeAsync()
    {
        foreach (var controller in _controllers) controller.Queue.Dispose();
        await Informers.DisposeAsync().ConfigureAwait(false);
    }
}
