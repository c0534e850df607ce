using System.Text.Json.Nodes;

namespace Fleetdeck.Server.KubeApi;

/// <summary><c>meta.k8s.io PartialObjectMetadata</c>: an object reduced to its metadata.</summary>
internal static class PartialObjectMetadata
{
    public static JsonObject From(JsonObject obj, string metaVersion) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = $"meta.k8s.io/{metaVersion}",
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    public static JsonObject List(IEnumerable<JsonObject> objects, string metaVersion, JsonObject listMetadata) => new()
    {
        ["kind"] = "PartialObjectMetadataList",
        ["apiVersion"] = $"meta.k8s.io/{metaVersion}",
        ["metadata"] = listMetadata,
        ["items"] = new JsonArray([.. objects.Select(o => (JsonNode)From(o, metaVersion))]),
    };
}
