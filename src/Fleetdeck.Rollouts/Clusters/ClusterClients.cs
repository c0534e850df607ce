using System.Collections.Concurrent;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Clusters;

/// <summary>
/// Clients to the clusters, cached by the Cluster's key and rebuilt only when the Cluster or its kubeconfig Secret
/// changes (the anchor looked the cache up under an empty key, so it never hit and every reconcile built a client).
/// A replaced client is disposed; entries of deleted clusters are dropped by <see cref="Forget"/>.
/// </summary>
public sealed class ClusterClients(KindRegistry kinds, SimulatedFleet simulated) : IDisposable
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> _entries = new();
    private readonly Lock _gate = new();
    private int _builds;

    /// <summary>How many clients were built: a test's proof that the cache hits.</summary>
    public int Builds => Volatile.Read(ref _builds);

    public int Count => _entries.Count;

    /// <summary>The store of one cluster; <paramref name="secret"/> is the kubeconfig Secret of a real cluster.</summary>
    public IObjectStore Get(Cluster cluster, V1Secret? secret)
    {
        var key = ObjectKey.Of(cluster);
        var version = cluster.Spec.Simulated is { } sim
            ? $"simulated:{sim.ReadyAfter}"
            : $"{cluster.Metadata.Uid}:{cluster.Spec.KubeconfigSecret}:{secret?.Metadata.Uid}:{secret?.Metadata.ResourceVersion}";
        if (_entries.TryGetValue(key, out var hit) && hit.Version == version) return hit.Store;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out hit) && hit.Version == version) return hit.Store;
            var entry = Build(cluster, secret, version);
            Interlocked.Increment(ref _builds);
            _entries[key] = entry;
            hit?.Dispose();
            return entry.Store;
        }
    }

    public void Forget(ObjectKey key)
    {
        if (_entries.TryRemove(key, out var entry)) entry.Dispose();
    }

    private Entry Build(Cluster cluster, V1Secret? secret, string version)
    {
        if (cluster.Spec.Simulated is { } sim)
            return new Entry(version, simulated.Get(cluster.Metadata.Name, GoDuration.Parse(sim.ReadyAfter, TimeSpan.FromSeconds(2))), null);

        var name = $"{cluster.Metadata.NamespaceProperty}/{cluster.Metadata.Name}";
        if (secret is null) throw new ClusterUnreachableException($"cluster {name}: kubeconfig Secret {cluster.Spec.KubeconfigSecret} not found");
        if (secret.Data?.TryGetValue("kubeconfig", out var bytes) != true || bytes is null || bytes.Length == 0)
            throw new ClusterUnreachableException($"cluster {name}: Secret {cluster.Spec.KubeconfigSecret} has no key \"kubeconfig\"");
        // KubeConnection reads a file: a private one, removed at once.
        var path = Path.Combine(Path.GetTempPath(), $"fleetdeck-cluster-{Guid.NewGuid():N}.kubeconfig");
        try
        {
            File.WriteAllBytes(path, []);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllBytes(path, bytes);
            var connection = KubeConnection.FromKubeconfig(path);
            return new Entry(version, new KubernetesObjectStore(connection, kinds), connection);
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            throw new ClusterUnreachableException($"cluster {name}: the kubeconfig in Secret {cluster.Spec.KubeconfigSecret} cannot be used: {e.Message}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values) entry.Dispose();
        _entries.Clear();
    }

    private sealed record Entry(string Version, IObjectStore Store, IDisposable? Connection) : IDisposable
    {
        public void Dispose() => Connection?.Dispose();
    }
}

/// <summary>A cluster cannot be reached or its credentials cannot be used.</summary>
public sealed class ClusterUnreachableException(string message) : Exception(message);
