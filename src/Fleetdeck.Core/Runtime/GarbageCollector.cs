using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Deletes objects whose every owner is gone. The embedded store already cascades a delete; this sweep catches what
/// a cascade cannot see: references to owners that never existed, or owners removed while the dependent was being written.
/// (On a real cluster, Kubernetes' own garbage collector does this, and this one is not started.)
/// </summary>
public sealed class GarbageCollector(IObjectStore store, TimeProvider time, ILogger logger, TimeSpan? interval = null)
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMinutes(5);

    public long Collected { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Garbage collection sweep failed: {Message}", e.Message);
            }
            try
            {
                await Task.Delay(_interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every kind; returns how many objects it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var kinds = store.Kinds.All;
        var uids = new HashSet<string>();
        var owned = new List<(Objects.ResourceKind Kind, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> Object)>();
        foreach (var kind in kinds)
        {
            var list = await store.ListAsync(kind, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var obj in list.Items)
            {
                if (obj.Metadata.Uid is { } uid) uids.Add(uid);
                if (obj.Metadata.OwnerReferences is { Count: > 0 }) owned.Add((kind, obj));
            }
        }

        var deleted = 0;
        foreach (var (kind, obj) in owned)
        {
            if (obj.Metadata.OwnerReferences.Any(r => uids.Contains(r.Uid)) || obj.Metadata.DeletionTimestamp is not null) continue;
            try
            {
                await store.DeleteAsync(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name,
                    new DeleteOptions { PreconditionUid = obj.Metadata.Uid }, cancellationToken).ConfigureAwait(false);
                deleted++;
                logger.LogInformation("Deleted {Kind} {Namespace}/{Name}: its owners are gone", kind.Kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name);
            }
            catch (StoreException e) when (e is NotFoundException or ConflictException)
            {
                // Already gone, or replaced by a new object of the same name.
            }
        }
        Collected += deleted;
        return deleted;
    }
}
