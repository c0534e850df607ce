using System.Text.Json.Nodes;

namespace Fleetdeck.Core.Serialization;

/// <summary>Semantic comparisons of JSON trees: key order never matters, array order does.</summary>
public static class JsonCompare
{
    /// <summary>Equality where an absent field and a null one are the same, without copying either tree.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b, IReadOnlySet<string>? ignoreTopLevel = null)
    {
        switch (a)
        {
            case null:
                return b is null;
            case JsonObject objectA:
                if (b is not JsonObject objectB) return false;
                var count = 0;
                foreach (var (key, value) in objectA)
                {
                    if (value is null || ignoreTopLevel?.Contains(key) == true) continue;
                    count++;
                    if (!objectB.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other)) return false;
                }
                foreach (var (key, value) in objectB)
                    if (value is not null && ignoreTopLevel?.Contains(key) != true) count--;
                return count == 0;
            case JsonArray arrayA:
                if (b is not JsonArray arrayB || arrayA.Count != arrayB.Count) return false;
                for (var i = 0; i < arrayA.Count; i++)
                    if (!DeepEquals(arrayA[i], arrayB[i])) return false;
                return true;
            default:
                return b is JsonValue && (JsonNode.DeepEquals(a, b) || SameNumber(a, b));
        }
    }

    /// <summary>
    /// True when every field set in <paramref name="desired"/> has the same value in <paramref name="live"/>.
    /// Fields only in <paramref name="live"/> (server defaults, other writers) do not count as differences;
    /// arrays must have the same length and match element by element.
    /// </summary>
    public static bool IsSubset(JsonNode? desired, JsonNode? live)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject desiredObject:
                if (live is not JsonObject liveObject) return desiredObject.Count == 0 && live is null;
                foreach (var (key, value) in desiredObject)
                {
                    if (value is null) continue;
                    if (!liveObject.TryGetPropertyValue(key, out var liveValue))
                    {
                        if (!IsEmpty(value)) return false;
                        continue;
                    }

                    if (!IsSubset(value, liveValue)) return false;
                }
                return true;
            case JsonArray desiredArray:
                if (live is not JsonArray liveArray) return desiredArray.Count == 0 && live is null;
                if (desiredArray.Count != liveArray.Count) return false;
                for (var i = 0; i < desiredArray.Count; i++)
                    if (!IsSubset(desiredArray[i], liveArray[i])) return false;
                return true;
            default:
                return JsonNode.DeepEquals(desired, live) || SameNumber(desired, live);
        }
    }

    private static bool IsEmpty(JsonNode value) => value is JsonObject { Count: 0 } or JsonArray { Count: 0 };

    private static bool SameNumber(JsonNode a, JsonNode? b) =>
        a is JsonValue va && b is JsonValue vb &&
        va.TryGetValue<decimal>(out var da) && vb.TryGetValue<decimal>(out var db) && da == db;

    /// <summary>Drops nulls (absent and null are the same in Kubernetes objects).</summary>
    public static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                    if (value is not null) copy[key] = Normalize(value);
                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(Normalize)]);
            default:
                return node?.DeepClone();
        }
    }
}
