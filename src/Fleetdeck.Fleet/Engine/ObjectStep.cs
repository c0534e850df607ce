using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Fleet.Engine;

/// <summary>
/// A step made of objects: the desired objects are compared with the live ones (plan), written through
/// <see cref="ObjectApplier"/> only where they differ (apply), waited on until Ready where they have a Ready condition, and
/// deleted in reverse on destroy, except those marked to keep. Outputs are read back from what is live.
/// </summary>
public abstract class ObjectStep<TOutputs> : IStep
    where TOutputs : class
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The objects this step wants, in apply order.</summary>
    protected abstract Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>The outputs, read from what is live after the apply.</summary>
    protected abstract Task<TOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Checks made before planning or applying (reachability of a server, say); throw <see cref="StepFailedException"/> to stop.</summary>
    protected virtual Task CheckAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Notes for the plan (e.g. what is still pending).</summary>
    protected virtual IReadOnlyList<string> Notes(StepContext context) => [];

    /// <summary>When the step does nothing for this target, why (shown in the plan).</summary>
    protected virtual string? SkipReason(StepContext context) => null;

    public async Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (SkipReason(context) is { } why) return StepPlan.Skipped(why);
        var changes = new List<PlannedChange>();
        var planning = context with { Planning = true };
        foreach (var desired in await DesiredAsync(planning, cancellationToken).ConfigureAwait(false))
            changes.Add(await PlanOneAsync(desired, cancellationToken).ConfigureAwait(false));
        return new StepPlan(changes, Notes(planning));
    }

    public async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (SkipReason(context) is not null) return;
        await CheckAsync(context, cancellationToken).ConfigureAwait(false);
        var desired = await DesiredAsync(context, cancellationToken).ConfigureAwait(false);
        foreach (var d in desired)
        {
            try
            {
                await new ObjectApplier(d.Store).ApplyAsync(ObjectJson.Clone(d.Object), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (UnmanagedObjectException e)
            {
                throw new StepFailedException($"{e.Message}: delete it or add the label {ManagedBy.Label}={ManagedBy.Fleetdeck} to let Fleetdeck manage it");
            }
        }
        foreach (var d in desired.Where(d => d.WaitReady))
            await ReadyWaiter.WaitAsync(d.Store, d.Object, context.ReadyTimeout, context.Time, cancellationToken).ConfigureAwait(false);
        context.Outputs.Set(Name, await OutputsAsync(context, cancellationToken).ConfigureAwait(false));
    }

    public async Task<StepPlan> PlanDestroyAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (SkipReason(context) is { } why) return StepPlan.Skipped(why);
        var changes = new List<PlannedChange>();
        var notes = new List<string>();
        foreach (var d in (await DesiredAsync(context with { Planning = true }, cancellationToken).ConfigureAwait(false)).Reverse())
        {
            var kind = d.Store.KindOf(d.Object);
            var live = await d.Store.GetAsync(kind, d.Object.Metadata.NamespaceProperty, d.Object.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (live is null || !ManagedBy.IsManaged(live)) continue;
            if (d.Keep)
                notes.Add($"keeps {kind.Kind} {Key(d.Object)} (retention policy Retain)");
            else
                changes.Add(new PlannedChange(ChangeAction.Delete, kind.Kind, d.Object.Metadata.NamespaceProperty, d.Object.Metadata.Name));
        }
        return new StepPlan(changes, notes);
    }

    public async Task DestroyAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (SkipReason(context) is not null) return;
        foreach (var d in (await DesiredAsync(context with { Planning = true }, cancellationToken).ConfigureAwait(false)).Reverse().Where(d => !d.Keep))
        {
            var kind = d.Store.KindOf(d.Object);
            await new ObjectApplier(d.Store).DeleteAsync(kind, d.Object.Metadata.NamespaceProperty, d.Object.Metadata.Name, cancellationToken).ConfigureAwait(false);
            await ReadyWaiter.WaitGoneAsync(d.Store, kind, d.Object, context.ReadyTimeout, context.Time, cancellationToken).ConfigureAwait(false);
        }
        context.Outputs.Remove(Name);
    }

    private static async Task<PlannedChange> PlanOneAsync(DesiredObject d, CancellationToken cancellationToken)
    {
        var kind = d.Store.KindOf(d.Object);
        var desired = ObjectJson.Clone(d.Object);
        desired.Metadata.Labels ??= new Dictionary<string, string>();
        desired.Metadata.Labels[ManagedBy.Label] = ManagedBy.Fleetdeck;
        var desiredNode = ObjectJson.ToNode(desired);
        var live = await d.Store.GetAsync(kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name, cancellationToken).ConfigureAwait(false);
        if (live is null)
            return new PlannedChange(ChangeAction.Create, kind.Kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name, ObjectDiff.Created(desiredNode));
        if (!ManagedBy.IsManaged(live))
            throw new StepFailedException($"{kind.Kind} {Key(desired)} exists and is not managed by Fleetdeck: delete it or add the label {ManagedBy.Label}={ManagedBy.Fleetdeck}");
        var liveNode = ObjectJson.ToNode(live);
        return ObjectApplier.Satisfies(desiredNode, liveNode)
            ? new PlannedChange(ChangeAction.Unchanged, kind.Kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name)
            : new PlannedChange(ChangeAction.Update, kind.Kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name, ObjectDiff.Changed(desiredNode, liveNode));
    }

    protected static string Key(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.NamespaceProperty is { } ns ? $"{ns}/{obj.Metadata.Name}" : obj.Metadata.Name;

    protected static JsonObject Node(IKubernetesObject<V1ObjectMeta> obj) => ObjectJson.ToNode(obj);
}
