using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Runtime;

/// <summary>What <see cref="Finalizers.HandleAsync{T}"/> found: carry on reconciling, or stop because the object is going.</summary>
public sealed record FinalizerOutcome<T>(T? Object, bool Deleting, FinalizeResult? Result = null) where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The reconcile should stop: the object is being deleted (and is finalized, gone, or blocked).</summary>
    public bool Stop => Deleting;
}
