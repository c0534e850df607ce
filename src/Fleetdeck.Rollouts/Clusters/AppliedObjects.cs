using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Rollouts.Clusters;

/// <summary>
/// What was last applied to each cluster, by a hash of the desired object: an unchanged object is not read back and
/// compared on every tick, only once per <paramref name="window"/> (so drift in a cluster is still repaired). A whole
/// plan (a tag's workload, an app's routing) is remembered the same way by a fingerprint of what it is rendered from,
/// so an unchanged plan is not even rendered. Deletes forget the namespace's entries.
/// </summary>
public sealed class AppliedObjects(TimeProvider time, TimeSpan window)
{
    private readonly ConditionalWeakTable<IObjectStore, ConcurrentDictionary<string, (byte[] Hash, DateTimeOffset At)>> _byCluster = new();

    public bool IsCurrent(IObjectStore cluster, IKubernetesObject<V1ObjectMeta> desired, out string key, out byte[] hash)
    {
        key = $"{desired.ApiVersion}/{desired.Kind}/{desired.Metadata.NamespaceProperty}/{desired.Metadata.Name}";
        hash = SHA256.HashData(ObjectJson.SerializeToUtf8(desired));
        var entries = _byCluster.GetOrCreateValue(cluster);
        return entries.TryGetValue(key, out var entry) && entry.Hash.AsSpan().SequenceEqual(hash) && entry.At + window > time.GetUtcNow();
    }

    public void Applied(IObjectStore cluster, string key, byte[] hash) => _byCluster.GetOrCreateValue(cluster)[key] = (hash, time.GetUtcNow());

    /// <summary>Whether <paramref name="plan"/> in <paramref name="namespace"/> was applied from the same inputs within the window.</summary>
    public bool PlanIsCurrent(IObjectStore cluster, string @namespace, string plan, string fingerprint) =>
        _byCluster.GetOrCreateValue(cluster).TryGetValue(PlanKey(@namespace, plan), out var entry)
        && entry.Hash.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(fingerprint)) && entry.At + window > time.GetUtcNow();

    public void PlanApplied(IObjectStore cluster, string @namespace, string plan, string fingerprint) =>
        Applied(cluster, PlanKey(@namespace, plan), System.Text.Encoding.UTF8.GetBytes(fingerprint));

    private static string PlanKey(string @namespace, string plan) => $"plan/{@namespace}/{plan}";

    public void ForgetNamespace(IObjectStore cluster, string @namespace)
    {
        var entries = _byCluster.GetOrCreateValue(cluster);
        foreach (var key in entries.Keys.Where(k => k.Contains($"/{@namespace}/", StringComparison.Ordinal)).ToList()) entries.TryRemove(key, out _);
    }
}
