using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Store;

/// <summary>The object as the delete left it: gone, or still present with <c>deletionTimestamp</c> set while finalizers hold it.</summary>
public sealed record DeleteResult(IKubernetesObject<V1ObjectMeta> Object, bool Pending);
