using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// A kind a controller watches and how its events map to keys of the controller's primary kind; updates for which
/// <see cref="UpdatePredicate"/> says false wake nothing (adds and deletes always do).
/// </summary>
public sealed record WatchSource(ResourceKind Kind, Func<IKubernetesObject<V1ObjectMeta>, IEnumerable<ObjectKey>> Map)
{
    public Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? UpdatePredicate { get; init; }
}
