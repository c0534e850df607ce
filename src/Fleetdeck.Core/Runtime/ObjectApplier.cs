using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Writes a desired object only when it differs from the live one, so a steady state writes nothing.
/// <list type="bullet">
/// <item>The desired object gets the managed-by label and, given an owner, a controller owner reference.</item>
/// <item>An existing object without our managed-by label is never changed (<see cref="UnmanagedObjectException"/>).</item>
/// <item>Comparison: desired labels and annotations must be present in the live ones; <c>spec</c> must be a subset of the
///   live spec (an API server adds defaults there); every other top-level field the desired object sets (<c>data</c>,
///   <c>rules</c>, ...) must be equal, so removing a key from <c>data</c> is written.</item>
/// <item>On a write, the desired top-level fields replace the live ones; labels and annotations are merged.</item>
/// </list>
/// </summary>
public sealed class ObjectApplier(IObjectStore store, IObjectCache? cache = null, string manager = ManagedBy.Fleetdeck)
{
    private static readonly HashSet<string> Envelope = ["apiVersion", "kind", "metadata", "status"];

    public async Task<ApplyResult<T>> ApplyAsync<T>(T desired, IKubernetesObject<V1ObjectMeta>? owner = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = store.KindOf(desired);
        desired.Metadata.Labels ??= new Dictionary<string, string>();
        desired.Metadata.Labels[ManagedBy.Label] = manager;
        if (owner is not null) OwnerReferences.SetController(desired, owner);

        for (var attempt = 0; ; attempt++)
        {
            // The cache serves the common, unchanged case; after a conflict, read the store itself.
            var live = attempt == 0 && cache is not null
                ? cache.Get(kind, new ObjectKey(desired.Metadata.NamespaceProperty, desired.Metadata.Name))
                : await store.GetAsync(kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name, cancellationToken).ConfigureAwait(false);
            try
            {
                if (live is null)
                {
                    var created = await store.CreateAsync(ObjectJson.Clone(desired), cancellationToken).ConfigureAwait(false);
                    return new ApplyResult<T>(created, ApplyAction.Created);
                }

                if (!ManagedBy.IsManaged(live, manager))
                    throw new UnmanagedObjectException(
                        $"{kind.Kind} {ObjectKey.Of(live)} exists and is not managed by {manager} (label {ManagedBy.Label}); it is left unchanged");

                var desiredNode = ObjectJson.ToNode(desired);
                var liveNode = ObjectJson.ToNode(live);
                if (Satisfies(desiredNode, liveNode)) return new ApplyResult<T>((T)live, ApplyAction.Unchanged);

                var merged = Merge(desiredNode, liveNode);
                var updated = (T)await store.UpdateAsync((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(merged, kind.ClrType), cancellationToken).ConfigureAwait(false);
                return new ApplyResult<T>(updated, ApplyAction.Updated);
            }
            catch (StoreException e) when (e is ConflictException or AlreadyExistsException && attempt < 5)
            {
                // Raced with another writer: read again and compare afresh.
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="obj"/>'s status if it differs from the stored one; returns the object as stored.
    /// The write is conditional on <paramref name="obj"/>'s resourceVersion, so a status computed from a stale read conflicts.
    /// </summary>
    public async Task<T> ApplyStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = store.KindOf(obj);
        var live = await store.GetAsync(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"{kind.Key} \"{obj.Metadata.Name}\" not found");
        if (JsonCompare.DeepEquals(ObjectJson.ToNode(obj)["status"], ObjectJson.ToNode(live)["status"])) return (T)live;
        return await store.UpdateStatusAsync(obj, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an object we manage; returns false when it is absent. Objects we do not manage are left alone.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        var live = await store.GetAsync(kind, @namespace, name, cancellationToken).ConfigureAwait(false);
        if (live is null || !ManagedBy.IsManaged(live, manager)) return false;
        if (live.Metadata.DeletionTimestamp is not null) return true;
        try
        {
            await store.DeleteAsync(kind, @namespace, name, new DeleteOptions { PreconditionUid = live.Metadata.Uid }, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return false;
        }
        return true;
    }

    internal static bool Satisfies(JsonObject desired, JsonObject live)
    {
        var desiredMeta = desired["metadata"] as JsonObject;
        var liveMeta = live["metadata"] as JsonObject;
        if (!MapSubset(desiredMeta?["labels"], liveMeta?["labels"]) || !MapSubset(desiredMeta?["annotations"], liveMeta?["annotations"]))
            return false;
        if (desiredMeta?["ownerReferences"] is JsonArray wantedOwners)
        {
            var liveOwners = liveMeta?["ownerReferences"] as JsonArray;
            foreach (var wanted in wantedOwners)
                if (liveOwners?.Any(l => JsonCompare.DeepEquals(l, wanted)) != true) return false;
        }

        foreach (var (key, value) in desired)
        {
            if (Envelope.Contains(key) || value is null) continue;
            var liveValue = live[key];
            var same = key == "spec" ? JsonCompare.IsSubset(value, liveValue) : JsonCompare.DeepEquals(value, liveValue);
            if (!same) return false;
        }
        return true;
    }

    internal static JsonObject Merge(JsonObject desired, JsonObject live)
    {
        var merged = (JsonObject)live.DeepClone();
        merged.Remove("status");
        var mergedMeta = (JsonObject)merged["metadata"]!;
        var desiredMeta = desired["metadata"] as JsonObject;
        foreach (var map in new[] { "labels", "annotations" })
        {
            if (desiredMeta?[map] is not JsonObject wanted) continue;
            var target = mergedMeta[map] as JsonObject ?? [];
            foreach (var (k, v) in wanted) target[k] = v?.DeepClone();
            mergedMeta[map] = target;
        }
        if (desiredMeta?["ownerReferences"] is JsonArray owners)
        {
            var list = (mergedMeta["ownerReferences"] as JsonArray)?.Select(o => o!.DeepClone()).ToList() ?? [];
            foreach (var owner in owners)
            {
                var uid = owner?["uid"]?.ToString();
                list.RemoveAll(o => o?["uid"]?.ToString() == uid);
                list.Add(owner!.DeepClone());
            }
            mergedMeta["ownerReferences"] = new JsonArray([.. list]);
        }
        foreach (var (key, value) in desired)
            if (!Envelope.Contains(key) && value is not null) merged[key] = value.DeepClone();
        return merged;
    }

    private static bool MapSubset(JsonNode? desired, JsonNode? live)
    {
        if (desired is not JsonObject wanted || wanted.Count == 0) return true;
        if (live is not JsonObject have) return false;
        return wanted.All(p => have.TryGetPropertyValue(p.Key, out var v) && JsonCompare.DeepEquals(p.Value, v));
    }
}
