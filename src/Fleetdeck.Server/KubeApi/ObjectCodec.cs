using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// Turns request JSON into typed objects of the URL's kind, the way the API server's decoder does: apiVersion and kind
/// default from the URL and must agree with it; fields the kind lacks are warnings, or errors under <c>fieldValidation=Strict</c>.
/// </summary>
internal static class ObjectCodec
{
    /// <summary>Parses a create or update body (JSON, or YAML when the content type says so) into one object.</summary>
    public static JsonObject ParseBody(ReadOnlyMemory<byte> body, MediaType? contentType, ResourceKind kind)
    {
        if (contentType is not null && !contentType.Is("application/json") && !contentType.Is("application/yaml"))
            throw ApiException.UnsupportedMediaType(["application/json", "application/yaml"]);
        if (contentType?.Is("application/yaml") == true)
        {
            IReadOnlyList<ManifestDocument> documents;
            try
            {
                documents = YamlReader.Read(System.Text.Encoding.UTF8.GetString(body.Span), "body");
            }
            catch (ManifestException e)
            {
                throw ApiException.BadRequest($"the object provided is unrecognized (must be of type {kind.Kind}): {e.Message}");
            }
            if (documents.Count != 1)
                throw ApiException.BadRequest($"the object provided is unrecognized (must be of type {kind.Kind}): expected one YAML document, found {documents.Count}");
            return documents[0].Root;
        }
        return ParseJsonObject(body, $"couldn't get version/kind; json parse error");
    }

    public static JsonObject ParseJsonObject(ReadOnlyMemory<byte> body, string prefix)
    {
        var node = ParseJson(body, prefix);
        return node as JsonObject ?? throw ApiException.BadRequest($"{prefix}: the body must be a JSON object");
    }

    public static JsonNode ParseJson(ReadOnlyMemory<byte> body, string prefix)
    {
        try
        {
            var node = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            if (node is null) throw ApiException.BadRequest($"{prefix}: the body is empty or null");
            // Materialize objects now so that duplicate keys fail here, as bad input, rather than later.
            Touch(node);
            return node;
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"{prefix}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw ApiException.BadRequest($"{prefix}: {e.Message}");
        }
    }

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj) Touch(value);
                break;
            case JsonArray array:
                foreach (var item in array) Touch(item);
                break;
        }
    }

    /// <summary>Checks apiVersion and kind against the URL's kind, filling them in when absent.</summary>
    public static void CheckTypeMeta(JsonObject root, ResourceKind kind)
    {
        var apiVersion = Text(root, "apiVersion");
        var kindName = Text(root, "kind");
        if (apiVersion.Length > 0 && apiVersion != kind.ApiVersion)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
        if (kindName.Length > 0 && kindName != kind.Kind)
            throw ApiException.BadRequest($"{kindName} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: the kind in the data does not match the resource of the URL");
        root["apiVersion"] = kind.ApiVersion;
        root["kind"] = kind.Kind;
    }

    /// <summary>The typed object; unknown fields are added to <paramref name="warnings"/>, or fail the request under Strict.</summary>
    public static IKubernetesObject<V1ObjectMeta> ToTyped(JsonObject root, ResourceKind kind, FieldValidation validation, ICollection<string> warnings)
    {
        IKubernetesObject<V1ObjectMeta> obj;
        try
        {
            obj = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(root, kind.ClrType);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            var path = e is JsonException je ? FieldPath.FromJsonException(je.Path) : "";
            var detail = e.Message.Split(" Path:", 2)[0];
            throw ApiException.BadRequest($"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: {(path.Length > 0 ? $"{path}: " : "")}{detail}");
        }
        obj.Metadata ??= new V1ObjectMeta();

        if (validation == FieldValidation.Ignore) return obj;
        var unknown = ObjectDecoder.UnknownFields(root, ObjectJson.ToNode(obj));
        if (unknown.Count == 0) return obj;
        var messages = unknown.Select(u => $"unknown field \"{u}\"").ToList();
        if (validation == FieldValidation.Strict)
            throw ApiException.BadRequest($"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: strict decoding error: {string.Join(", ", messages)}");
        foreach (var message in messages) warnings.Add(message);
        return obj;
    }

    private static string Text(JsonObject root, string field) => root[field] switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {field} must be a string"),
    };
}
