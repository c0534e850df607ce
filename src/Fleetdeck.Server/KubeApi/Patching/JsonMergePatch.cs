using System.Text.Json.Nodes;

namespace Fleetdeck.Server.KubeApi.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge key by key, <c>null</c> deletes, anything else replaces.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            result[key] = Apply(result.TryGetPropertyValue(key, out var existing) ? existing : null, value);
        }
        return result;
    }
}
