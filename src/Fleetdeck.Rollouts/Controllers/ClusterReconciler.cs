using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;

namespace Fleetdeck.Rollouts.Controllers;

/// <summary>Checks that each Cluster can be reached with its credentials and says so in its Ready condition.</summary>
internal sealed class ClusterReconciler(ControllerContext context, ClusterClients clients, RolloutOptions options) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cluster = context.Cache.Get<Cluster>(context.Kinds, key.Namespace, key.Name);
        if (cluster is null)
        {
            clients.Forget(key);
            return ReconcileResult.Done;
        }
        var copy = ObjectJson.Clone(cluster);
        var now = context.Time.GetUtcNow();
        string? problem = null;
        try
        {
            var secret = cluster.Spec.KubeconfigSecret is { } name ? context.Cache.Get<V1Secret>(context.Kinds, key.Namespace, name) : null;
            var store = clients.Get(cluster, secret);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(options.ClusterTimeout);
            await store.ListAsync(store.Kinds.Get<V1Namespace>(), new ListOptions { Limit = 1 }, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"did not answer within {options.ClusterTimeout.TotalSeconds:0.#}s";
        }
        catch (Exception e) when (e is ClusterUnreachableException or StoreException or HttpRequestException or IOException)
        {
            problem = e.Message;
        }
        copy.Status.ObservedGeneration = cluster.Metadata.Generation;
        copy.Status.Set(Conditions.Ready, problem is null, problem is null ? (cluster.Spec.Simulated is null ? "Reachable" : "Simulated") : "Unreachable",
            problem ?? "", cluster.Metadata.Generation, now);
        await context.Applier.ApplyStatusAsync(copy, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.After(problem is null ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(15));
    }
}
