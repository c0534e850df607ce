using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Store;

/// <summary>
/// The one object store contract, with Kubernetes semantics, that every controller reads and writes through.
/// <list type="bullet">
/// <item><c>resourceVersion</c> is a global, monotonic integer; every write bumps it.</item>
/// <item>An update or status write with a stale <c>resourceVersion</c> fails with <see cref="ConflictException"/>;
///   with none, it is unconditional.</item>
/// <item><c>generation</c> bumps only when the spec (everything but metadata and status) changes; a normal
///   update ignores status (for kinds with a status subresource), and a status write changes only status.</item>
/// <item>Delete of an object with finalizers sets <c>deletionTimestamp</c>; the object goes when the last finalizer
///   is removed. Deleting an owner deletes what it owns (background cascade).</item>
/// <item>Watches replay every event after a <c>resourceVersion</c>; a version older than the kept history fails with
///   <see cref="ExpiredException"/>, and the caller re-lists.</item>
/// </list>
/// Objects returned are the caller's to change: a store never hands out an instance it keeps. Writes return the
/// object as stored, typed as the caller's object (use <see cref="IKubernetesObject{TMetadata}"/> for any kind).
/// </summary>
public interface IObjectStore
{
    KindRegistry Kinds { get; }

    Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default);

    Task<ObjectList> ListAsync(ResourceKind kind, ListOptions? options = null, CancellationToken cancellationToken = default);

    Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>;

    Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>;

    Task<T> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>;

    Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events for one kind, in <c>resourceVersion</c> order. With no <see cref="WatchOptions.ResourceVersion"/> (or "0"),
    /// the current objects arrive first as <c>ADDED</c>. Ends with <see cref="ExpiredException"/> when the requested
    /// version is no longer in the kept history, or when the watcher falls too far behind.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, WatchOptions? options = null, CancellationToken cancellationToken = default);
}
