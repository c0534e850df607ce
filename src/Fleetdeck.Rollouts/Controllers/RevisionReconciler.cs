using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Collection;
using Fleetdeck.Rollouts.StateMachine;

namespace Fleetdeck.Rollouts.Controllers;

/// <summary>
/// Creates a ReleaseManager per target of a Revision (they outlive it: they drain and delete its incarnations),
/// copies each target's incarnation status onto the Revision, and deletes the Revision once garbage collection has
/// marked every target deletable.
/// </summary>
internal sealed class RevisionReconciler(ControllerContext context) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var revision = context.Cache.Get<Revision>(context.Kinds, key.Namespace, key.Name);
        if (revision is null || revision.Metadata.DeletionTimestamp is not null) return ReconcileResult.Done;
        if (GarbageCollection.IsDeletable(revision))
        {
            await context.Store.DeleteAsync<Revision>(key.Namespace, key.Name, new DeleteOptions { PreconditionUid = revision.Metadata.Uid }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var app = revision.Spec.App.Name!;
        var targets = new List<RevisionTargetStatus>();
        foreach (var target in revision.Spec.Targets)
        {
            var name = ReleaseManager.NameFor(app, target.Name!);
            var rm = context.Cache.Get<ReleaseManager>(context.Kinds, key.Namespace, name);
            if (rm is null)
            {
                try
                {
                    await context.Store.CreateAsync(new ReleaseManager
                    {
                        Metadata = new V1ObjectMeta
                        {
                            Name = name,
                            NamespaceProperty = key.Namespace,
                            Labels = new Dictionary<string, string>
                            {
                                [RolloutsGroup.AppLabel] = app,
                                [RolloutsGroup.TargetLabel] = target.Name!,
                                [RolloutsGroup.FleetLabel] = target.Fleet!,
                                [ManagedBy.Label] = ManagedBy.Fleetdeck,
                            },
                        },
                        Spec = new ReleaseManagerSpec { App = app, Target = target.Name, Fleet = target.Fleet },
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (AlreadyExistsException)
                {
                    // Another revision of the app made it first.
                }
            }
            var entry = rm?.Status.Revisions.FirstOrDefault(r => r.Tag == revision.Spec.App.Tag);
            targets.Add(new RevisionTargetStatus
            {
                Name = target.Name,
                State = entry?.State.Current ?? IncarnationState.Created.Name(),
                CurrentPercent = entry?.CurrentPercent ?? 0,
                PeakPercent = entry?.PeakPercent ?? 0,
            });
        }

        // The cache handed out a copy: change it in place, and write only when the status differs from what it read.
        var copy = revision;
        var before = Core.Serialization.ObjectJson.SerializeToUtf8(copy.Status);
        copy.Status.Targets = targets;
        copy.Status.ObservedGeneration = revision.Metadata.Generation;
        var now = context.Time.GetUtcNow();
        var released = targets.All(t => t.State == IncarnationState.Released.Name());
        var failed = targets.FirstOrDefault(t => t.State is "failing" or "failed" or "timingout");
        if (failed is not null)
            copy.Status.Set(Conditions.Ready, false, "Failed", revision.Metadata.Annotations.Value(RolloutsGroup.FailedReasonAnnotation) ?? $"{failed.Name}: {failed.State}", revision.Metadata.Generation, now);
        else
            copy.Status.Set(Conditions.Ready, released, released ? "Released" : "Progressing",
                string.Join(", ", targets.Select(t => $"{t.Name}: {t.State} {t.CurrentPercent}%")), revision.Metadata.Generation, now);
        if (before.AsSpan().SequenceEqual(Core.Serialization.ObjectJson.SerializeToUtf8(copy.Status))) return ReconcileResult.Done;
        try
        {
            await context.Store.UpdateStatusAsync(copy, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return ReconcileResult.Done;
        }
        return ReconcileResult.Done;
    }
}
