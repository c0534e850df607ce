using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Store;

/// <summary>
/// One watch event. For <see cref="WatchEventType.Bookmark"/> the object carries only <c>metadata.resourceVersion</c>.
/// </summary>
public sealed record WatchEvent(WatchEventType Type, IKubernetesObject<V1ObjectMeta> Object)
{
    public string ResourceVersion => Object.Metadata?.ResourceVersion ?? "";
}
