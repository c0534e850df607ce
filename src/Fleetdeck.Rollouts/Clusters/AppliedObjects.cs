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
/// compared on every tick, only once per <paramref name="window"/> (so drift in a cluster is still repaired). Deletes
/// forget the namespace's entries.
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

    public void ForgetNamespace(IObjectStore cluster, string @namespace)
    {
        var entries = _byCluster.GetOrCreateValue(cluster);
        foreach (var key in entries.Keys.Where(k => k.Contains($"/{@namespace}/", StringComparison.Ordinal)).ToList()) entries.TryRemove(key, out _);
    }
}
