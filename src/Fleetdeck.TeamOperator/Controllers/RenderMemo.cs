using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// Remembers, per owner, what its last successful render depended on and which objects it applied. When the owner's
/// generation and those inputs are unchanged and every object is still at the version we left it at, rendering again
/// would produce the same objects, already in place: a reconcile woken only by a status (a rollout finished, a
/// database became ready) skips straight to readiness.
/// </summary>
internal sealed class RenderMemo<TSummary>(AppliedObjects applied)
{
    private sealed record Entry(string Uid, long? Generation, string Inputs, TSummary Summary, (ResourceKind Kind, string? Namespace, string Name)[] Objects);

    private readonly ConcurrentDictionary<ObjectKey, Entry> _entries = new();

    /// <summary>The versions of the given objects, as one string: part of what a render depends on.</summary>
    public string VersionsOf(ResourceKind kind, string? @namespace, IEnumerable<string> names) =>
        string.Join(",", names.Select(n => $"{n}@{applied.Versions.VersionOf(kind, @namespace, n)}"));

    public bool TryGet(ObjectKey key, IKubernetesObject<V1ObjectMeta> owner, string inputs, out TSummary summary)
    {
        summary = default!;
        if (!_entries.TryGetValue(key, out var entry) || entry.Uid != owner.Metadata.Uid || entry.Generation != owner.Metadata.Generation || entry.Inputs != inputs)
            return false;
        foreach (var (kind, ns, name) in entry.Objects)
            if (!applied.IsUnchanged(kind, ns, name)) return false;
        summary = entry.Summary;
        return true;
    }

    public void Remember(ObjectKey key, IKubernetesObject<V1ObjectMeta> owner, string inputs, TSummary summary, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, IObjectStore store) =>
        _entries[key] = new Entry(owner.Metadata.Uid, owner.Metadata.Generation, inputs, summary,
            [.. objects.Select(o => (store.KindOf(o), o.Metadata.NamespaceProperty, o.Metadata.Name))]);

    public void Forget(ObjectKey key) => _entries.TryRemove(key, out _);
}
