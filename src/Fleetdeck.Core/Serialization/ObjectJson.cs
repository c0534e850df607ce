using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Serialization;

/// <summary>
/// JSON in and out for every kind, with the same conventions as KubernetesClient's own serializer
/// (camelCase, nulls omitted, enums as strings, Kubernetes time formats), usable with a runtime type.
/// </summary>
public static class ObjectJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(object obj, bool indented = false) =>
        JsonSerializer.Serialize(obj, obj.GetType(), indented ? IndentedOptions : Options);

    public static byte[] SerializeToUtf8(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public static JsonObject ToNode(object obj) =>
        JsonSerializer.SerializeToNode(obj, obj.GetType(), Options) as JsonObject
        ?? throw new InvalidOperationException($"{obj.GetType().Name} did not serialize to a JSON object");

    public static object Deserialize(string json, Type type) =>
        JsonSerializer.Deserialize(json, type, Options) ?? throw new JsonException("null document");

    public static object Deserialize(ReadOnlySpan<byte> utf8, Type type) =>
        JsonSerializer.Deserialize(utf8, type, Options) ?? throw new JsonException("null document");

    public static object Deserialize(JsonNode node, Type type) =>
        node.Deserialize(type, Options) ?? throw new JsonException("null document");

    public static T Deserialize<T>(string json) => (T)Deserialize(json, typeof(T));

    public static T Deserialize<T>(JsonNode node) => (T)Deserialize(node, typeof(T));

    /// <summary>A deep copy, so callers may change what a cache hands them.</summary>
    public static T Clone<T>(T obj) where T : class =>
        (T)JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options), obj.GetType(), Options)!;

    public static IKubernetesObject<V1ObjectMeta> Clone(IKubernetesObject<V1ObjectMeta> obj) => Clone<IKubernetesObject<V1ObjectMeta>>(obj);
}
