using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Runs controllers against one store: shared informers and cache, the controllers' work queues and workers, the
/// garbage collector. Stops cleanly on cancellation. A manager runs once: a host that stops reconciling (a leader that
/// lost its Lease) disposes of it and makes a fresh one for its next term.
/// </summary>
public sealed class ControllerManager : IAsyncDisposable
{
    private readonly List<ControllerDefinition> _definitions = [];
    private readonly List<Controller> _controllers = [];
    private readonly List<(string Name, Func<CancellationToken, Task> Run)> _runnables = [];
    private readonly CancellationTokenSource _disposed = new();
    private int _ran;
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

    public GarbageCollector? GarbageCollector { get; private set; }

    /// <summary>Completes once the caches have synced and the controllers are running.</summary>
    public Task Started => _started.Task;

    /// <summary>Cancelled when the manager is disposed of: what a module tied to this manager (a metric over its cache) lets go of then.</summary>
    public CancellationToken Disposed => _disposed.Token;

    public ControllerBuilder NewController(string name) => new(this, name);

    /// <summary>
    /// Work that runs beside the controllers, and only while they run (a periodic sweep that writes): with leader
    /// election, only in the leader's term. It gets the controllers' token and must end when it is cancelled.
    /// </summary>
    public void AddRunnable(string name, Func<CancellationToken, Task> run)
    {
        if (_runnables.Any(r => r.Name == name)) throw new InvalidOperationException($"a runnable named {name} is already registered");
        _runnables.Add((name, run));
    }

    public void Add(ControllerDefinition definition)
    {
        if (_definitions.Any(d => d.Name == definition.Name))
            throw new InvalidOperationException($"a controller named {definition.Name} is already registered");
        _definitions.Add(definition);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _ran, 1) == 1)
            throw new InvalidOperationException("a controller manager runs once: make a fresh one (fresh caches and queues) to run again");
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
        await RunControllersAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        var running = _controllers.Select(c => c.RunAsync(cancellationToken)).ToList();
        if (GarbageCollector is not null) running.Add(GarbageCollector.RunAsync(cancellationToken));
        running.AddRange(_runnables.Select(r => Task.Run(() => r.Run(cancellationToken), CancellationToken.None)));
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
        if (_disposed.IsCancellationRequested) return;
        await _disposed.CancelAsync().ConfigureAwait(false);
        foreach (var controller in _controllers) controller.Queue.Dispose();
        await Informers.DisposeAsync().ConfigureAwait(false);
    }
}
