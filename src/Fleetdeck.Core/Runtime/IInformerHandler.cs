using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Receives an informer's changes, one at a time, in order. The objects are the cache's own: read them, do not change
/// them, and return quickly (enqueue keys; do the work in a reconcile).
/// </summary>
public interface IInformerHandler
{
    void OnAdd(IKubernetesObject<V1ObjectMeta> obj);

    void OnUpdate(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current);

    void OnDelete(IKubernetesObject<V1ObjectMeta> obj);
}
