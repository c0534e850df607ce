using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Store;

/// <summary>A list result: the items, the store's <c>resourceVersion</c> at the time of the list, and a token for the next page.</summary>
public sealed record ObjectList(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Items, string ResourceVersion, string? Continue = null);
