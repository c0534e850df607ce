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
}
