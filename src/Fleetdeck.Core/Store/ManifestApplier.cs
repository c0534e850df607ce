using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Core.Store;

/// <summary>What <see cref="ManifestApplier"/> did to one object.</summary>
public sealed record ManifestApplyResult(ResourceKind Kind, string? Namespace, string Name, ApplyAction Action, IKubernetesObject<V1ObjectMeta>? Object);

/// <summary>
/// <c>kubectl apply</c>'s client-side three-way merge, over any <see cref="IObjectStore"/>: the manifest's fields
/// replace the live ones, fields dropped from the manifest since the last apply are removed, and fields others set
/// (controllers, defaults) stay. The last applied manifest is kept in kubectl's own annotation, so kubectl and
/// Fleetdeck can take turns. Writes are conditional on the version read, and retried on conflict.
/// </summary>
public sealed class ManifestApplier(IObjectStore store)
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public async Task<ManifestApplyResult> ApplyAsync(DecodedObject decoded, string defaultNamespace, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var kind = decoded.Kind;
        var desired = (JsonObject)decoded.Applied.DeepClone();
        var meta = desired["metadata"] as JsonObject ?? [];
        desired["metadata"] = meta;
        var ns = kind.Namespaced ? meta["namespace"]?.GetValue<string>() ?? defaultNamespace : null;
        if (ns is not null) meta["namespace"] = ns;
        var name = meta["name"]?.GetValue<string>() ?? "";

        // The annotation holds the manifest as applied, without the annotation itself.
        var applied = (JsonObject)desired.DeepClone();
        var annotations = meta["annotations"] as JsonObject ?? [];
        annotations[LastAppliedAnnotation] = applied.ToJsonString(ObjectJson.Options);
        meta["annotations"] = annotations;

        for (var attempt = 0; ; attempt++)
        {
            var live = name.Length == 0 ? null : await store.GetAsync(kind, ns, name, cancellationToken).ConfigureAwait(false);
            try
            {
                if (live is null)
                {
                    var obj = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(desired, kind.ClrType);
                    var created = dryRun ? obj : await store.CreateAsync(obj, cancellationToken).ConfigureAwait(false);
                    return new ManifestApplyResult(kind, ns, created.Metadata.Name, ApplyAction.Created, created);
                }

                var liveNode = ObjectJson.ToNode(live);
                var previous = LastApplied(liveNode);
                var merged = (JsonObject)ThreeWayMerge(previous, desired, liveNode)!;
                if (JsonCompare.DeepEquals(Without(merged, "status"), Without(liveNode, "status")))
                    return new ManifestApplyResult(kind, ns, name, ApplyAction.Unchanged, live);
                var update = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(merged, kind.ClrType);
                update.Metadata.ResourceVersion = live.Metadata.ResourceVersion;
                var updated = dryRun ? update : await store.UpdateAsync(update, cancellationToken).ConfigureAwait(false);
                return new ManifestApplyResult(kind, ns, name, ApplyAction.Updated, updated);
            }
            catch (StoreException e) when (e is ConflictException or AlreadyExistsException && attempt < 5)
            {
                // someone wrote in between: merge again against the new live object
            }
        }
    }

    private static JsonObject? LastApplied(JsonObject live)
    {
        var text = live["metadata"]?["annotations"]?[LastAppliedAnnotation]?.GetValue<string>();
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // a mangled annotation: merge as if applying for the first time
        }
    }

    /// <summary>JSON-merge-patch semantics, three ways: objects merge recursively, everything else is replaced.</summary>
    internal static JsonNode? ThreeWayMerge(JsonNode? original, JsonNode? modified, JsonNode? current)
    {
        if (modified is not JsonObject modifiedObject || current is not JsonObject currentObject)
            return modified?.DeepClone();
        var originalObject = original as JsonObject;
        var result = (JsonObject)currentObject.DeepClone();
        foreach (var (key, value) in modifiedObject)
            result[key] = ThreeWayMerge(originalObject?[key], value, currentObject[key]);
        if (originalObject is not null)
            foreach (var (key, _) in originalObject)
                if (!modifiedObject.ContainsKey(key)) result.Remove(key);
        return result;
    }

    private static JsonObject Without(JsonObject obj, string key)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove(key);
        return copy;
    }
}
