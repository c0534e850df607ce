using k8s;
using k8s.Models;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// The finalizer dance, once: add ours while the object lives; when it is being deleted, run the clean-up and
/// remove ours. The removal is a commit that is never cancelled, so a shutdown cannot strand a finished clean-up.
/// </summary>
public static class Finalizers
{
    public static async Task<FinalizerOutcome<T>> HandleAsync<T>(IObjectStore store, T obj, IFinalizer finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var finalizers = obj.Metadata.Finalizers ?? [];
        if (obj.Metadata.DeletionTimestamp is null)
        {
            if (finalizers.Contains(finalizer.Name)) return new FinalizerOutcome<T>(obj, Deleting: false);
            obj.Metadata.Finalizers = [.. finalizers, finalizer.Name];
            var updated = await store.UpdateAsync(obj, cancellationToken).ConfigureAwait(false);
            return new FinalizerOutcome<T>(updated, Deleting: false);
        }

        if (!finalizers.Contains(finalizer.Name)) return new FinalizerOutcome<T>(obj, Deleting: true, FinalizeResult.Done);

        var result = await finalizer.FinalizeAsync(obj, cancellationToken).ConfigureAwait(false);
        if (!result.Completed) return new FinalizerOutcome<T>(obj, Deleting: true, result);

        var remaining = await store.MutateAsync<T>(obj.Metadata.NamespaceProperty, obj.Metadata.Name, current =>
        {
            var list = current.Metadata.Finalizers;
            if (list is null || !list.Remove(finalizer.Name)) return false;
            return true;
        }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        return new FinalizerOutcome<T>(remaining, Deleting: true, result);
    }
}
