using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Serialization;

/// <summary>
/// Turns JSON trees into typed objects of registered kinds. Errors name the source position and field;
/// fields the kind does not have are returned as warnings (as the API server's <c>fieldValidation=Warn</c>), not dropped silently.
/// </summary>
public sealed class ObjectDecoder(KindRegistry kinds)
{
    public DecodedObject Decode(ManifestDocument document)
    {
        var root = document.Root;
        var apiVersion = StringField(document, "apiVersion");
        var kindName = StringField(document, "kind");
        var kind = kinds.Find(apiVersion, kindName);
        if (kind is null)
        {
            var sameName = kinds.FindKindName(kindName);
            var message = sameName.Count > 0
                ? $"kind {kindName} is served as apiVersion {string.Join(" or ", sameName.Select(k => k.ApiVersion))}, not \"{apiVersion}\""
                : $"unknown kind \"{kindName}\" in apiVersion \"{apiVersion}\"";
            throw new ManifestException(message, document.PositionOf("kind"), "kind");
        }

        var metadata = root["metadata"] as JsonObject;
        var name = metadata?["name"]?.GetValueKind() == JsonValueKind.String ? metadata["name"]!.GetValue<string>() : null;
        var generateName = metadata?["generateName"]?.GetValueKind() == JsonValueKind.String ? metadata["generateName"]!.GetValue<string>() : null;
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(generateName))
            throw new ManifestException($"{kind.Kind} has no metadata.name", document.PositionOf("metadata"), "metadata.name");

        IKubernetesObject<V1ObjectMeta> obj;
        try
        {
            obj = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(root, kind.ClrType);
        }
        catch (JsonException e)
        {
            var field = FieldPath.FromJsonException(e.Path);
            var detail = e.Message.Split(" Path:", 2)[0];
            throw new ManifestException($"{kind.Kind} {name ?? generateName}: {field}: {detail}", document.PositionOf(field), field);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ManifestException($"{kind.Kind} {name ?? generateName}: {e.Message}", document.Start);
        }

        var kept = ObjectJson.ToNode(obj);
        var warnings = UnknownFields(root, kept);
        return new DecodedObject(obj, kind, document, [.. warnings.Select(w => $"unknown field \"{w}\"")], (JsonObject)Prune(root, kept)!);
    }

    public IReadOnlyList<DecodedObject> DecodeAll(IEnumerable<ManifestDocument> documents) => [.. documents.Select(Decode)];

    private static string StringField(ManifestDocument document, string field)
    {
        var node = document.Root[field];
        if (node is null) throw new ManifestException($"missing {field}", document.Start, field);
        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Length == 0)
            throw new ManifestException($"{field} must be a non-empty string", document.PositionOf(field), field);
        return node.GetValue<string>();
    }

    /// <summary>The input without nulls and without the fields the typed object did not keep.</summary>
    private static JsonNode? Prune(JsonNode? input, JsonNode? kept)
    {
        switch (input)
        {
            case JsonObject inputObject:
                var keptObject = kept as JsonObject;
                var result = new JsonObject();
                foreach (var (key, value) in inputObject)
                {
                    if (value is null) continue;
                    if (keptObject is not null && !keptObject.ContainsKey(key)) continue;
                    result[key] = keptObject is null ? value.DeepClone() : Prune(value, keptObject[key]);
                }
                return result;
            case JsonArray inputArray:
                var keptArray = kept as JsonArray;
                return new JsonArray([.. inputArray.Select((item, i) => keptArray is not null && i < keptArray.Count ? Prune(item, keptArray[i]) : item?.DeepClone())]);
            default:
                // A scalar keeps the typed object's spelling (an int written for a quantity, a yes for a bool).
                return kept?.DeepClone() ?? input?.DeepClone();
        }
    }

    /// <summary>The paths of fields present (and not null) in <paramref name="input"/> that the typed object (<paramref name="kept"/>, serialized) did not keep.</summary>
    public static IReadOnlyList<string> UnknownFields(JsonNode? input, JsonNode? kept)
    {
        var unknown = new List<string>();
        UnknownFields(input, kept, "", unknown);
        return unknown;
    }

    private static void UnknownFields(JsonNode? input, JsonNode? kept, string path, List<string> unknown)
    {
        switch (input)
        {
            case JsonObject inputObject:
                var keptObject = kept as JsonObject;
                foreach (var (key, value) in inputObject)
                {
                    if (value is null) continue;
                    var child = FieldPath.Property(path, key);
                    if (keptObject is null || !keptObject.TryGetPropertyValue(key, out var keptValue))
                    {
                        if (keptObject is not null) unknown.Add(child);
                        continue;
                    }
                    UnknownFields(value, keptValue, child, unknown);
                }
                break;
            case JsonArray inputArray when kept is JsonArray keptArray:
                for (var i = 0; i < inputArray.Count && i < keptArray.Count; i++)
                    UnknownFields(inputArray[i], keptArray[i], FieldPath.Index(path, i), unknown);
                break;
        }
    }
}
