using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Reads served from the informers' caches: cheap, possibly a little behind the store. Writes based on a stale read
/// fail with a conflict and are retried, so controllers read here and write through the store.
/// </summary>
public interface IObjectCache
{
    IKubernetesObject<V1ObjectMeta>? Get(ResourceKind kind, ObjectKey key);

    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> List(ResourceKind kind, string? @namespace = null, LabelSelector? selector = null);
}

public static class ObjectCacheExtensions
{
    public static T? Get<T>(this IObjectCache cache, KindRegistry kinds, string? @namespace, string name) where T : class, IKubernetesObject<V1ObjectMeta> =>
        (T?)cache.Get(kinds.Get<T>(), new ObjectKey(@namespace, name));

    public static IReadOnlyList<T> List<T>(this IObjectCache cache, KindRegistry kinds, string? @namespace = null, LabelSelector? selector = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        [.. cache.List(kinds.Get<T>(), @namespace, selector).Cast<T>()];
}
