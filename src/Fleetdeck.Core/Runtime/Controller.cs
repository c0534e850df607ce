using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// A running controller: informer events become keys in its work queue; workers reconcile keys, never one key twice at
/// once. A reconcile that throws is logged, marked on the object's <c>Ready</c> condition (reason <c>ReconcileError</c>)
/// and retried with backoff; it never stops the controller or the host.
/// </summary>
public sealed class Controller : IInformerHandler
{
    private readonly ControllerDefinition _definition;
    private readonly ControllerContext _context;
    private readonly IReconciler _reconciler;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly WorkQueue<ObjectKey> _queue;

    public Controller(ControllerDefinition definition, ControllerContext context, RuntimeMetrics metrics)
    {
        _definition = definition;
        _context = context;
        _metrics = metrics;
        _logger = context.Loggers.CreateLogger($"Fleetdeck.Controller.{definition.Name}");
        _queue = new WorkQueue<ObjectKey>(context.Time);
        _reconciler = definition.Reconciler(context);
    }

    public string Name => _definition.Name;

    public ControllerDefinition Definition => _definition;

    public WorkQueue<ObjectKey> Queue => _queue;

    /// <summary>Wires the controller to its informers: its primary kind, what it owns, and what else it watches.</summary>
    public void Attach(InformerFactory informers)
    {
        informers.For(_definition.For).AddHandler(this);
        foreach (var owned in _definition.Owns)
            informers.For(owned).AddHandler(new MappedHandler(_queue, obj => OwnerKey(obj), null));
        foreach (var watch in _definition.Watches)
            informers.For(watch.Kind).AddHandler(new MappedHandler(_queue, watch.Map, watch.UpdatePredicate));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, _definition.MaxConcurrency).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _queue.ShutDown();
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            (bool Ok, ObjectKey Key) next;
            try
            {
                next = await _queue.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!next.Ok) return;
            try
            {
                await ProcessAsync(next.Key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _queue.Done(next.Key);
                _metrics.QueueDepth.WithLabels(Name).Set(_queue.Depth);
                _metrics.QueueWaiting.WithLabels(Name).Set(_queue.Waiting);
            }
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _metrics.ActiveWorkers.WithLabels(Name).Inc();
        string outcome;
        try
        {
            var result = await _reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            if (result.RequeueAfter is { } delay)
            {
                _queue.Forget(key);
                _queue.AddAfter(key, delay);
                outcome = "requeue_after";
            }
            else if (result.Requeue)
            {
                _queue.AddRateLimited(key);
                outcome = "requeue";
            }
            else
            {
                _queue.Forget(key);
                outcome = "success";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
        }
        catch (ConflictException e)
        {
            // Someone wrote first: an ordinary race, retried at once with backoff, not an error worth a condition.
            _logger.LogDebug("{Controller} {Key}: {Message}; retrying", Name, key, e.Message);
            _queue.AddRateLimited(key);
            outcome = "conflict";
        }
        catch (Exception e)
        {
            _metrics.Errors.WithLabels(Name).Inc();
            _logger.LogError(e, "{Controller} failed to reconcile {Kind} {Key} (attempt {Attempt}): {Message}", Name, _definition.For.Kind, key, _queue.Requeues(key) + 1, e.Message);
            await RecordErrorAsync(key, e).ConfigureAwait(false);
            _queue.AddRateLimited(key);
            outcome = "error";
        }
        finally
        {
            _metrics.ActiveWorkers.WithLabels(Name).Dec();
        }
        _metrics.Reconciles.WithLabels(Name, outcome).Inc();
        _metrics.Duration.WithLabels(Name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Shows the failure where a user looks: <c>Ready=False, reason=ReconcileError</c> on the object itself.</summary>
    private async Task RecordErrorAsync(ObjectKey key, Exception error)
    {
        if (!typeof(IConditionedObject).IsAssignableFrom(_definition.For.ClrType)) return;
        try
        {
            var now = _context.Time.GetUtcNow();
            var message = Truncate(error.Message, 1024);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await _context.Store.GetAsync(_definition.For, key.Namespace, key.Name).ConfigureAwait(false) is not IConditionedObject current) return;
                if (!current.Status.Set(Conditions.Ready, Conditions.False, Conditions.ReconcileError, message, current.Metadata.Generation, now)) return;
                try
                {
                    await _context.Store.UpdateStatusAsync(current, CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                catch (ConflictException)
                {
                    // re-read and try again
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("{Controller} could not record the error on {Key}: {Message}", Name, key, e.Message);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private IEnumerable<ObjectKey> OwnerKey(IKubernetesObject<V1ObjectMeta> obj)
    {
        var owner = OwnerReferences.GetController(obj);
        if (owner is null || owner.Kind != _definition.For.Kind || GroupOf(owner.ApiVersion) != _definition.For.Group) yield break;
        yield return new ObjectKey(_definition.For.Namespaced ? obj.Metadata.NamespaceProperty : null, owner.Name);
    }

    private static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private ObjectKey KeyOf(IKubernetesObject<V1ObjectMeta> obj) =>
        new(_definition.For.Namespaced ? obj.Metadata.NamespaceProperty : null, obj.Metadata.Name);

    public void OnAdd(IKubernetesObject<V1ObjectMeta> obj) => _queue.Add(KeyOf(obj));

    public void OnUpdate(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current)
    {
        if (_definition.UpdatePredicate(old, current)) _queue.Add(KeyOf(current));
    }

    public void OnDelete(IKubernetesObject<V1ObjectMeta> obj) => _queue.Add(KeyOf(obj));

    private sealed class MappedHandler(WorkQueue<ObjectKey> queue, Func<IKubernetesObject<V1ObjectMeta>, IEnumerable<ObjectKey>> map,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? predicate) : IInformerHandler
    {
        public void OnAdd(IKubernetesObject<V1ObjectMeta> obj) => Enqueue(obj);

        public void OnUpdate(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current)
        {
            if (predicate is not null && !predicate(old, current)) return;
            Enqueue(current);
            // A changed reference (a new owner, a renamed secret) must also wake what it referred to before.
            if (old.Metadata.ResourceVersion != current.Metadata.ResourceVersion) Enqueue(old);
        }

        public void OnDelete(IKubernetesObject<V1ObjectMeta> obj) => Enqueue(obj);

        private void Enqueue(IKubernetesObject<V1ObjectMeta> obj)
        {
            foreach (var key in map(obj)) queue.Add(key);
        }
    }
}
