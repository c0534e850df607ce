using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Clusters;

/// <summary>
/// A cluster of the embedded mode, in memory: an object store (get, list, create, update, delete; no watch) whose
/// ReplicaSets report their pods ready <see cref="ReadyAfter"/> after they are scaled up, unless a test made the tag
/// crash here (<see cref="Crash"/>), in which case no pod is ready and the tag's pods raise a crash-looping alert.
/// </summary>
public sealed class SimulatedCluster(string name, KindRegistry kinds, TimeProvider time, TimeSpan readyAfter) : IObjectStore
{
    private const string ReplicaSets = "replicasets.apps";

    // Objects by kind and namespace, so a tick's list reads only its own namespace. The lock guards the maps and is
    // held only to copy bytes out: deserializing under it made the ticks of many apps queue behind each other.
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, string Namespace), Dictionary<string, byte[]>> _objects = [];
    private readonly ConcurrentDictionary<(string Namespace, string Name), DateTimeOffset> _scaledUpAt = new();
    private readonly ConcurrentDictionary<string, bool> _crashing = new(StringComparer.Ordinal);
    private long _version;
    private long _writes;

    public string Name { get; } = name;

    public KindRegistry Kinds { get; } = kinds;

    public TimeSpan ReadyAfter { get; set; } = readyAfter;

    /// <summary>While set, every call fails as an unreachable API server would.</summary>
    public bool Unreachable { get; set; }

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The test hook: pods of <paramref name="tag"/> crash in this cluster from now on.</summary>
    public void Crash(string tag) => _crashing[tag] = true;

    public void Heal(string tag) => _crashing.TryRemove(tag, out _);

    /// <summary>(app, tag) of every crashing tag that has pods here.</summary>
    public IReadOnlyList<(string App, string Tag)> CrashingPods()
    {
        // Nothing crashes unless a test said so: skip reading every ReplicaSet on every tick.
        if (_crashing.IsEmpty) return [];
        var result = new List<(string, string)>();
        foreach (var bytes in Snapshot(ReplicaSets, null))
        {
            var rs = (V1ReplicaSet)ObjectJson.Deserialize(bytes, typeof(V1ReplicaSet));
            var tag = rs.Metadata.Labels.Value(RolloutsGroup.TagLabel);
            var app = rs.Metadata.Labels.Value(RolloutsGroup.AppLabel);
            if (tag is not null && app is not null && _crashing.ContainsKey(tag) && rs.Spec.Replicas > 0) result.Add((app, tag));
        }
        return result;
    }

    public T? Get<T>(string @namespace, string name) where T : class, IKubernetesObject<V1ObjectMeta> =>
        (T?)GetCore(Kinds.Get<T>(), @namespace, name);

    public int Count(ResourceKind kind)
    {
        lock (_gate) return _objects.Where(p => p.Key.Kind == kind.Key).Sum(p => p.Value.Count);
    }

    public Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        Reachable();
        return Task.FromResult(GetCore(kind, @namespace, name));
    }

    public Task<ObjectList> ListAsync(ResourceKind kind, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Reachable();
        options ??= new ListOptions();
        List<IKubernetesObject<V1ObjectMeta>> items = [.. Snapshot(kind.Key, options.Namespace)
            .Select(bytes => Simulate((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(bytes, kind.ClrType)))
            .Where(o => options.LabelSelector.Matches(o.Metadata.Labels))];
        return Task.FromResult(new ObjectList(items, Version(), null));
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        Reachable();
        var kind = this.KindOf(obj);
        var key = Key(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name);
        byte[] stored;
        lock (_gate)
        {
            if (Find(key) is not null) throw new AlreadyExistsException($"{kind.Key} \"{obj.Metadata.Name}\" already exists");
            obj.Metadata.Uid = Guid.NewGuid().ToString();
            obj.Metadata.CreationTimestamp = time.GetUtcNow().UtcDateTime;
            obj.Metadata.Generation = 1;
            stored = Store(key, obj, previousReplicas: 0);
        }
        return Task.FromResult((T)Simulate((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(stored, kind.ClrType)));
    }

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        Reachable();
        var kind = this.KindOf(obj);
        var key = Key(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name);
        byte[] stored;
        lock (_gate)
        {
            if (Find(key) is not { } existing) throw new NotFoundException($"{kind.Key} \"{obj.Metadata.Name}\" not found");
            var old = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(existing, kind.ClrType);
            if (!string.IsNullOrEmpty(obj.Metadata.ResourceVersion) && obj.Metadata.ResourceVersion != old.Metadata.ResourceVersion)
                throw new ConflictException($"{kind.Key} \"{obj.Metadata.Name}\": the object has been modified");
            obj.Metadata.Uid = old.Metadata.Uid;
            obj.Metadata.CreationTimestamp = old.Metadata.CreationTimestamp;
            obj.Metadata.Generation = old.Metadata.Generation;
            stored = Store(key, obj, Replicas(old));
        }
        return Task.FromResult((T)Simulate((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(stored, kind.ClrType)));
    }

    public Task<T> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> =>
        UpdateAsync(obj, cancellationToken);

    public Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Reachable();
        var key = Key(kind, @namespace, name);
        byte[]? bytes;
        lock (_gate)
        {
            if (!_objects.TryGetValue((key.Kind, key.Namespace), out var names) || !names.Remove(name, out bytes))
                throw new NotFoundException($"{kind.Key} \"{name}\" not found");
            _scaledUpAt.TryRemove((key.Namespace, name), out _);
            Interlocked.Increment(ref _writes);
        }
        return Task.FromResult(new DeleteResult((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(bytes, kind.ClrType), Pending: false));
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        throw new BadRequestException($"simulated cluster {Name} does not serve watches");
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }

    private void Reachable()
    {
        if (Unreachable) throw new StoreException(503, "ServiceUnavailable", $"cluster {Name} is unreachable (simulated)");
    }

    private IKubernetesObject<V1ObjectMeta>? GetCore(ResourceKind kind, string? @namespace, string name)
    {
        byte[]? bytes;
        lock (_gate) bytes = Find(Key(kind, @namespace, name));
        return bytes is null ? null : Simulate((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(bytes, kind.ClrType));
    }

    /// <summary>The stored bytes of one kind in one namespace (or all), in namespace and name order.</summary>
    private List<byte[]> Snapshot(string kind, string? @namespace)
    {
        lock (_gate)
        {
            if (@namespace is not null)
                return _objects.TryGetValue((kind, @namespace), out var names) ? [.. names.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value)] : [];
            return [.. _objects.Where(p => p.Key.Kind == kind).OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
                .SelectMany(p => p.Value.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value))];
        }
    }

    private byte[]? Find((string Kind, string Namespace, string Name) key) =>
        _objects.TryGetValue((key.Kind, key.Namespace), out var names) && names.TryGetValue(key.Name, out var bytes) ? bytes : null;

    private byte[] Store((string Kind, string Namespace, string Name) key, IKubernetesObject<V1ObjectMeta> obj, int previousReplicas)
    {
        obj.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
        if (obj is V1ReplicaSet rs)
        {
            rs.Status = null;
            var replicas = rs.Spec?.Replicas ?? 1;
            if (previousReplicas == 0 && replicas > 0) _scaledUpAt[(key.Namespace, key.Name)] = time.GetUtcNow();
        }
        var bytes = ObjectJson.SerializeToUtf8(obj);
        if (!_objects.TryGetValue((key.Kind, key.Namespace), out var names))
            _objects[(key.Kind, key.Namespace)] = names = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        names[key.Name] = bytes;
        Interlocked.Increment(ref _writes);
        return bytes;
    }

    /// <summary>Fills in what the cluster's controllers would report: ReplicaSet pods, ready after a delay.</summary>
    private IKubernetesObject<V1ObjectMeta> Simulate(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj is not V1ReplicaSet rs) return obj;
        var replicas = rs.Spec?.Replicas ?? 1;
        var tag = rs.Metadata.Labels.Value(RolloutsGroup.TagLabel);
        var ready = 0;
        if (replicas > 0 && (tag is null || !_crashing.ContainsKey(tag)) &&
            _scaledUpAt.TryGetValue((rs.Metadata.NamespaceProperty ?? "", rs.Metadata.Name), out var since) && since + ReadyAfter <= time.GetUtcNow())
            ready = replicas;
        rs.Status = new V1ReplicaSetStatus { Replicas = replicas, ReadyReplicas = ready, AvailableReplicas = ready, ObservedGeneration = rs.Metadata.Generation };
        return rs;
    }

    private static int Replicas(IKubernetesObject<V1ObjectMeta> obj) => obj is V1ReplicaSet rs ? rs.Spec?.Replicas ?? 1 : 0;

    private static (string Kind, string Namespace, string Name) Key(ResourceKind kind, string? @namespace, string name) => (kind.Key, @namespace ?? "", name);

    private string Version()
    {
        return Volatile.Read(ref _version).ToString(CultureInfo.InvariantCulture);
    }
}
