using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

/// <summary>
/// A small reconciler in the shape real ones take: read the primary from the cache, apply an owned ConfigMap,
/// write status (Ready) only on change. Hooks let tests make it throw, block, or observe overlap.
/// </summary>
internal sealed class WidgetReconciler(ControllerContext context) : IReconciler
{
    private int _running;

    public Func<ObjectKey, Exception?> Fail { get; set; } = _ => null;

    public Func<ObjectKey, ReconcileResult?> Result { get; set; } = _ => null;

    public TimeSpan Hold { get; set; }

    public int Calls;

    public int Overlaps;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Interlocked.Increment(ref _running) > 1) Interlocked.Increment(ref Overlaps);
        try
        {
            if (Hold > TimeSpan.Zero) await Task.Delay(Hold, cancellationToken);
            if (Fail(key) is { } error) throw error;
            var widget = context.Cache.Get<Widget>(context.Kinds, key.Namespace, key.Name);
            if (widget is null || widget.Metadata.DeletionTimestamp is not null) return ReconcileResult.Done;

            var data = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = $"{key.Name}-data", NamespaceProperty = key.Namespace },
                Data = new Dictionary<string, string> { ["color"] = widget.Spec.Color ?? "" },
            };
            await context.Applier.ApplyAsync(data, widget, cancellationToken);

            widget.Status.ObservedGeneration = widget.Metadata.Generation;
            widget.Status.Set(Conditions.Ready, true, "Reconciled", "the widget is ready", widget.Metadata.Generation, context.Time.GetUtcNow());
            await context.Applier.ApplyStatusAsync(widget, cancellationToken);
            return Result(key) ?? ReconcileResult.Done;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
