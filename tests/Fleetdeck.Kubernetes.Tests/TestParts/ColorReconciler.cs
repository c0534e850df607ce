using System.Collections.Concurrent;
using System.Globalization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.TestParts;

/// <summary>
/// A reconciler in the shape real ones take: read the Widget from the cache, apply a ConfigMap <c>&lt;name&gt;-data</c>
/// holding its colour and the process that wrote it, write Ready only on change. Records what it saw, for tests.
/// </summary>
public sealed class ColorReconciler(ControllerContext context) : IReconciler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The keys reconciled while their Widget was gone: deletions the runtime noticed.</summary>
    public ConcurrentDictionary<ObjectKey, bool> SeenGone { get; } = new();

    /// <summary>The keys reconciled while their Widget existed. A Widget made and deleted between two looks is never seen, as with any informer.</summary>
    public ConcurrentDictionary<ObjectKey, bool> SeenAlive { get; } = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var widget = context.Cache.Get<Widget>(context.Kinds, key.Namespace, key.Name);
        if (widget is null || widget.Metadata.DeletionTimestamp is not null)
        {
            SeenGone[key] = true;
            return ReconcileResult.Done;
        }
        SeenAlive[key] = true;

        var data = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = $"{key.Name}-data", NamespaceProperty = key.Namespace },
            Data = new Dictionary<string, string>
            {
                ["color"] = widget.Spec.Color ?? "",
                ["reconciled-by"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            },
        };
        await context.Applier.ApplyAsync(data, widget, cancellationToken);

        widget.Status.ObservedGeneration = widget.Metadata.Generation;
        widget.Status.Set(Conditions.Ready, true, "Reconciled", "the widget's colour is in its ConfigMap", widget.Metadata.Generation, context.Time.GetUtcNow());
        await context.Applier.ApplyStatusAsync(widget, cancellationToken);
        return ReconcileResult.Done;
    }
}
