using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.KubeApi.Patching;

/// <summary>
/// Strategic merge patch, as the API server applies it to built-in kinds: maps merge, <c>null</c> deletes, lists merge by
/// their merge key (see <see cref="PatchMeta"/>) or are replaced, and the directives <c>$patch: replace|delete|merge</c>
/// (in maps and as list elements), <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c> and
/// <c>$deleteFromPrimitiveList/&lt;list&gt;</c> are honoured. Where this ends: list strategies come from a hand-kept
/// table rather than the Go struct tags, and lists of lists are replaced rather than rejected.
/// </summary>
internal static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(JsonObject original, JsonObject patch, Type type)
    {
        if (patch.Count == 0) return (JsonObject)original.DeepClone();
        return MergeMap((JsonObject)original.DeepClone(), (JsonObject)patch.DeepClone(), type) ?? [];
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> in place; null when the patch deletes the map.</summary>
    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, Type? type)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            patch.Remove(Directive);
            switch (Text(directive))
            {
                case "replace":
                    return (JsonObject?)Clean(patch, type, ListStrategy.Replace);
                case "delete":
                    return null;
                case "merge":
                    break;
                default:
                    throw PatchException.BadPatch($"Unknown patch type: {directive?.ToJsonString()} in map: {patch.ToJsonString()}");
            }
        }

        if (patch.TryGetPropertyValue(RetainKeys, out var retain))
        {
            patch.Remove(RetainKeys);
            if (retain is not JsonArray keys || keys.Any(k => Text(k) is null))
                throw PatchException.BadPatch("invalid patch format of retainKeys");
            var kept = keys.Select(k => Text(k)!).ToHashSet(StringComparer.Ordinal);
            if (patch.Select(p => p.Key).Where(k => !k.StartsWith('$')).Any(k => !kept.Contains(k)))
                throw PatchException.DoesNotApply("patch content doesn't match retainKeys list");
            foreach (var key in original.Select(p => p.Key).ToList())
                if (!kept.Contains(key)) original.Remove(key);
        }

        foreach (var key in patch.Select(p => p.Key).Where(k => k.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal)).ToList())
        {
            var field = key[DeleteFromPrimitiveList.Length..];
            if (patch[key] is not JsonArray doomed) throw PatchException.BadPatch("invalid patch format of primitive list");
            patch.Remove(key);
            if (original[field] is JsonArray list)
                original[field] = new JsonArray([.. list.Where(v => !doomed.Any(d => JsonNode.DeepEquals(d, v))).Select(v => v?.DeepClone())]);
        }

        foreach (var key in patch.Select(p => p.Key).Where(k => k.StartsWith(SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            var field = key[SetElementOrder.Length..];
            if (patch[key] is not JsonArray order) throw PatchException.BadPatch("invalid patch format of setElementOrder list");
            patch.Remove(key);
            if (patch.TryGetPropertyValue(field, out var value) && value is null) continue; // the list is deleted: nothing to order
            var strategy = PatchMeta.List(type, field);
            var originalList = original[field] as JsonArray ?? [];
            var merged = MergeList(originalList, value as JsonArray ?? [], strategy, PatchMeta.Element(PatchMeta.Field(type, field)));
            patch.Remove(field);
            if (merged is null)
            {
                original.Remove(field);
                continue;
            }
            original[field] = Order(merged, order, originalList, strategy.MergeKey);
        }

        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                original.Remove(key);
                continue;
            }
            var fieldType = PatchMeta.Field(type, key);
            var strategy = PatchMeta.List(type, key);
            if (!original.TryGetPropertyValue(key, out var existing) || existing is null)
            {
                Set(original, key, Clean(value, fieldType, strategy));
                continue;
            }
            switch (existing, value)
            {
                case (JsonObject existingMap, JsonObject patchMap):
                    var mergedMap = MergeMap(existingMap, (JsonObject)patchMap.DeepClone(), fieldType);
                    if (mergedMap is null) original.Remove(key);
                    else if (!ReferenceEquals(mergedMap, existingMap)) original[key] = mergedMap;
                    break;
                case (JsonArray existingList, JsonArray patchList):
                    Set(original, key, MergeList(existingList, patchList, strategy, PatchMeta.Element(fieldType)));
                    break;
                default:
                    Set(original, key, Clean(value, fieldType, strategy));
                    break;
            }
        }
        return original;
    }

    /// <summary>A new list: <paramref name="original"/> with <paramref name="patch"/> merged in; null when the patch deletes the list.</summary>
    private static JsonArray? MergeList(JsonArray original, JsonArray patch, ListStrategy strategy, Type? elementType)
    {
        if (patch.Any(e => IsMarker(e, "delete"))) return null;
        if (!strategy.Merge || patch.Any(e => IsMarker(e, "replace")))
            return new JsonArray([.. patch.Where(e => !IsMarker(e, "replace")).Select(e => Clean(e, elementType, ListStrategy.Replace))]);

        var result = original.Select(e => e?.DeepClone()).ToList();
        if (strategy.MergeKey is null)
        {
            foreach (var item in patch)
                if (!result.Any(r => JsonNode.DeepEquals(r, item))) result.Add(item?.DeepClone());
            return new JsonArray([.. result]);
        }

        var mergeKey = strategy.MergeKey;
        foreach (var item in patch)
        {
            if (item is not JsonObject element)
                throw PatchException.BadPatch($"the elements of a list merged by \"{mergeKey}\" must be maps, not {item?.ToJsonString() ?? "null"}");
            if (!element.TryGetPropertyValue(mergeKey, out var key) || key is null)
                throw PatchException.BadPatch($"map: {element.ToJsonString()} does not contain declared merge key: {mergeKey}");
            var index = result.FindIndex(r => r is JsonObject o && JsonNode.DeepEquals(o[mergeKey], key));
            var copy = (JsonObject)element.DeepClone();
            switch (Text(copy[Directive]))
            {
                case "delete":
                    result.RemoveAll(r => r is JsonObject o && JsonNode.DeepEquals(o[mergeKey], key));
                    continue;
                case "replace":
                    copy.Remove(Directive);
                    var replacement = Clean(copy, elementType, ListStrategy.Replace);
                    if (index >= 0) result[index] = replacement;
                    else result.Add(replacement);
                    continue;
            }
            if (index < 0)
            {
                if (Clean(copy, elementType, ListStrategy.Replace) is { } added) result.Add(added);
                continue;
            }
            var merged = MergeMap((JsonObject)result[index]!, copy, elementType);
            if (merged is null) result.RemoveAt(index);
            else result[index] = merged;
        }
        return new JsonArray([.. result]);
    }

    /// <summary>
    /// Orders a merged list by <c>$setElementOrder</c>: the listed elements in that order, the others (present only on
    /// the server) slotted in by their place in the original list, as <c>mergeSortedSlice</c> upstream does.
    /// </summary>
    private static JsonArray Order(JsonArray merged, JsonArray order, JsonArray original, string? mergeKey)
    {
        JsonNode? KeyOf(JsonNode? e) => mergeKey is null ? e : (e as JsonObject)?[mergeKey];
        int IndexIn(JsonArray list, JsonNode? e) => list.Select(KeyOf).ToList().FindIndex(k => JsonNode.DeepEquals(k, KeyOf(e)));

        var items = merged.Select(e => e?.DeepClone()).ToList();
        var patched = items.Where(e => IndexIn(order, e) >= 0).OrderBy(e => IndexIn(order, e)).ToList();
        var serverOnly = items.Where(e => IndexIn(order, e) < 0).ToList();
        var result = new List<JsonNode?>();
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < patched.Count)
        {
            if (i >= serverOnly.Count) result.Add(patched[j++]);
            else if (j >= patched.Count) result.Add(serverOnly[i++]);
            else
            {
                var left = IndexIn(original, serverOnly[i]);
                var right = IndexIn(original, patched[j]);
                result.Add(left >= 0 && right >= 0 && left < right ? serverOnly[i++] : patched[j++]);
            }
        }
        return new JsonArray([.. result]);
    }

    /// <summary>A value new to the object: directives inside it are applied (to nothing) and removed.</summary>
    private static JsonNode? Clean(JsonNode? value, Type? type, ListStrategy strategy) => value switch
    {
        JsonObject map => MergeMap([], (JsonObject)map.DeepClone(), type),
        JsonArray list => MergeList([], list, strategy, PatchMeta.Element(type)),
        _ => value?.DeepClone(),
    };

    private static void Set(JsonObject target, string key, JsonNode? value)
    {
        if (value is null) target.Remove(key);
        else target[key] = value;
    }

    private static bool IsMarker(JsonNode? element, string directive) =>
        element is JsonObject { Count: 1 } o && Text(o[Directive]) == directive;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
