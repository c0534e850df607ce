using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Runtime;

/// <summary>Update filters for controllers.</summary>
public static class Predicates
{
    /// <summary>A spec change (generation), the start of deletion, or a resync (same version).</summary>
    public static bool GenerationChangedOrDeleting(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current) =>
        old.Metadata.Generation != current.Metadata.Generation ||
        (old.Metadata.DeletionTimestamp is null) != (current.Metadata.DeletionTimestamp is null) ||
        old.Metadata.ResourceVersion == current.Metadata.ResourceVersion;

    /// <summary>Anything but a write of the status alone: a spec change, labels, annotations, finalizers, deletion, or a resync.</summary>
    public static bool NotStatusOnly(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current) =>
        GenerationChangedOrDeleting(old, current) ||
        !SameMap(old.Metadata.Labels, current.Metadata.Labels) ||
        !SameMap(old.Metadata.Annotations, current.Metadata.Annotations) ||
        !(old.Metadata.Finalizers ?? []).SequenceEqual(current.Metadata.Finalizers ?? [], StringComparer.Ordinal);

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal)) return false;
        return true;
    }
}
