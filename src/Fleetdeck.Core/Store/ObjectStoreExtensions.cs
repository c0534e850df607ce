using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Store;

/// <summary>Typed conveniences over <see cref="IObjectStore"/>; the kind comes from the CLR type.</summary>
public static class ObjectStoreExtensions
{
    public static ResourceKind KindOf(this IObjectStore store, IKubernetesObject<V1ObjectMeta> obj) =>
        store.Kinds.Find(obj.GetType()) ?? store.Kinds.Find(obj.ApiVersion ?? "", obj.Kind ?? "")
        ?? throw new BadRequestException($"kind {obj.Kind} of apiVersion {obj.ApiVersion} is not served here");

    public static async Task<T?> GetAsync<T>(this IObjectStore store, string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        (T?)await store.GetAsync(store.Kinds.Get<T>(), @namespace, name, cancellationToken).ConfigureAwait(false);

    public static async Task<IReadOnlyList<T>> ListAsync<T>(this IObjectStore store, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var list = await store.ListAsync(store.Kinds.Get<T>(), options, cancellationToken).ConfigureAwait(false);
        return [.. list.Items.Cast<T>()];
    }

    public static Task<DeleteResult> DeleteAsync<T>(this IObjectStore store, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        store.DeleteAsync(store.Kinds.Get<T>(), @namespace, name, options, cancellationToken);

    /// <summary>
    /// Reads the latest version, applies <paramref name="mutate"/> and writes it back, retrying on conflict.
    /// <paramref name="mutate"/> returns false when nothing needs writing. Returns null if the object is gone.
    /// </summary>
    public static async Task<T?> MutateAsync<T>(this IObjectStore store, string? @namespace, string name, Func<T, bool> mutate, bool status = false, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync<T>(@namespace, name, cancellationToken).ConfigureAwait(false);
            if (current is null) return null;
            if (!mutate(current)) return current;
            try
            {
                return status
                    ? await store.UpdateStatusAsync(current, cancellationToken).ConfigureAwait(false)
                    : await store.UpdateAsync(current, cancellationToken).ConfigureAwait(false);
            }
            catch (ConflictException) when (attempt < 16)
            {
                // Someone wrote in between: read again and re-apply the change.
            }
            catch (NotFoundException)
            {
                return null;
            }
        }
    }
}
