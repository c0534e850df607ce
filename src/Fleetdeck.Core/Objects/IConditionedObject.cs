using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>An object whose status carries conditions and <c>observedGeneration</c>: every kind Fleetdeck owns.</summary>
public interface IConditionedObject : IKubernetesObject<V1ObjectMeta>
{
    ResourceStatus Status { get; }
}
