using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;

namespace Fleetdeck.Rollouts.Controllers;

/// <summary>
/// The enabled clusters of a fleet for one tick, and plans sent to all of them at once: each cluster gets its own
/// timeout, and one that fails or hangs is reported without holding up the others.
/// </summary>
internal sealed class ClusterSet
{
    private static readonly string[] TagKinds = ["replicasets.apps", "configmaps", "poddisruptionbudgets.policy", "horizontalpodautoscalers.autoscaling", "prometheusrules.monitoring.coreos.com"];
    private static readonly string[] AppKinds = ["services", "destinationrules.networking.istio.io", "virtualservices.networking.istio.io"];

    private readonly List<(Cluster Cluster, IObjectStore? Store, string? Error)> _clusters;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);

    public ClusterSet(IEnumerable<(Cluster, IObjectStore?, string?)> clusters, TimeSpan timeout)
    {
        _clusters = [.. clusters.OrderBy(c => c.Item1.Metadata.Name, StringComparer.Ordinal)];
        _timeout = timeout;
        foreach (var (cluster, _, error) in _clusters)
            if (error is not null) _errors[cluster.Metadata.Name] = error;
    }

    public IReadOnlyList<Cluster> All => [.. _clusters.Select(c => c.Cluster)];

    public IReadOnlyList<Cluster> Live => [.. _clusters.Where(c => c.Cluster.IsLive).Select(c => c.Cluster)];

    /// <summary>Clusters that failed in this tick, with the first error of each.</summary>
    public IReadOnlyDictionary<string, string> Errors => _errors;

    /// <summary>Runs <paramref name="plan"/> on every reachable cluster at once; returns whether all of them succeeded.</summary>
    public async Task<bool> ApplyAsync(Func<IObjectStore, ObjectApplier, Cluster, CancellationToken, Task> plan, CancellationToken cancellationToken)
    {
        var tasks = _clusters.Where(c => c.Store is not null && !_errors.ContainsKey(c.Cluster.Metadata.Name)).Select(async c =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(_timeout);
            try
            {
                await plan(c.Store!, new ObjectApplier(c.Store!), c.Cluster, cts.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _errors.TryAdd(c.Cluster.Metadata.Name, $"did not answer within {_timeout.TotalSeconds:0.#}s");
                return false;
            }
            catch (Exception e) when (e is StoreException or HttpRequestException or IOException or ClusterUnreachableException or UnmanagedObjectException or InvalidOperationException)
            {
                _errors.TryAdd(c.Cluster.Metadata.Name, e.Message);
                return false;
            }
        }).ToList();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.All(r => r) && _errors.IsEmpty;
    }

    /// <summary>Lists the app's ReplicaSets in every cluster: one report per enabled cluster.</summary>
    public async Task<IReadOnlyList<ClusterReport>> ObserveAsync(string @namespace, string app, string target, CancellationToken cancellationToken)
    {
        var reports = new ConcurrentDictionary<string, ClusterReport>(StringComparer.Ordinal);
        await ApplyAsync(async (store, _, cluster, ct) =>
        {
            var list = await store.ListAsync(store.Kinds.Get<V1ReplicaSet>(), new ListOptions
            {
                Namespace = @namespace,
                LabelSelector = AppSelector(app, target),
            }, ct).ConfigureAwait(false);
            var tags = new Dictionary<string, TagObservation>(StringComparer.Ordinal);
            foreach (var rs in list.Items.Cast<V1ReplicaSet>())
            {
                // ReplicaSets without the tag label are not ours to count.
                if (rs.Metadata.Labels?.TryGetValue(RolloutsGroup.TagLabel, out var tag) != true || tag is null) continue;
                tags[tag] = new TagObservation(tag, rs.Spec?.Replicas ?? 0, rs.Status?.ReadyReplicas ?? 0, rs.Status?.AvailableReplicas ?? 0);
            }
            reports[cluster.Metadata.Name] = new ClusterReport(cluster.Metadata.Name, cluster.IsLive, cluster.ScalingFactor, tags, null);
        }, cancellationToken).ConfigureAwait(false);
        return [.. _clusters.Select(c => reports.TryGetValue(c.Cluster.Metadata.Name, out var r) ? r
            : new ClusterReport(c.Cluster.Metadata.Name, c.Cluster.IsLive, c.Cluster.ScalingFactor, new Dictionary<string, TagObservation>(), _errors.GetValueOrDefault(c.Cluster.Metadata.Name) ?? "not observed"))];
    }

    public static async Task ApplyAllAsync(IObjectStore store, ObjectApplier applier, string @namespace, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, CancellationToken ct,
        AppliedObjects? memo = null)
    {
        IKubernetesObject<V1ObjectMeta>[] all = [new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = @namespace } }, .. objects];
        foreach (var obj in all)
        {
            string key = "";
            byte[] hash = [];
            if (memo is not null && memo.IsCurrent(store, obj, out key, out hash)) continue;
            await applier.ApplyAsync(obj, cancellationToken: ct).ConfigureAwait(false);
            memo?.Applied(store, key, hash);
        }
    }

    /// <summary>Deletes every object of the tag (workload, config, budget, autoscaler, canary rules).</summary>
    public static Task DeleteTagAsync(IObjectStore store, ObjectApplier applier, string @namespace, string tag, CancellationToken ct) =>
        DeleteLabelledAsync(store, applier, @namespace, TagKinds, LabelSelector.Equal(RolloutsGroup.TagLabel, tag), ct);

    /// <summary>Deletes everything of an app on a target in one cluster.</summary>
    public static Task DeleteAppAsync(IObjectStore store, ObjectApplier applier, string @namespace, string app, string target, CancellationToken ct) =>
        DeleteLabelledAsync(store, applier, @namespace, [.. TagKinds, .. AppKinds], AppSelector(app, target), ct);

    /// <summary>An app's objects on one target, selected without parsing (values go in as they are).</summary>
    private static LabelSelector AppSelector(string app, string target) =>
        LabelSelector.From(new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [RolloutsGroup.AppLabel] = app, [RolloutsGroup.TargetLabel] = target } });

    private static async Task DeleteLabelledAsync(IObjectStore store, ObjectApplier applier, string @namespace, IEnumerable<string> kinds, LabelSelector selector, CancellationToken ct)
    {
        foreach (var key in kinds)
        {
            var kind = store.Kinds.FindByKey(key);
            if (kind is null) continue;
            var list = await store.ListAsync(kind, new ListOptions { Namespace = @namespace, LabelSelector = selector }, ct).ConfigureAwait(false);
            foreach (var item in list.Items)
                await applier.DeleteAsync(kind, @namespace, item.Metadata.Name, ct).ConfigureAwait(false);
        }
    }
}
