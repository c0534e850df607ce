using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// The loosely typed parts of <see cref="V1JSONSchemaProps"/> (<c>items</c>, <c>additionalProperties</c>, <c>default</c>,
/// <c>enum</c> are <c>object</c>): a schema built in memory holds typed values, one read from YAML holds JSON elements.
/// </summary>
internal static class SchemaNodes
{
    /// <summary>A sub-schema; <c>additionalProperties: true</c> reads as a schema that accepts anything.</summary>
    public static V1JSONSchemaProps? Schema(object? value) => value switch
    {
        null => null,
        V1JSONSchemaProps schema => schema,
        bool b => b ? new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true } : null,
        JsonElement { ValueKind: JsonValueKind.True } => new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true },
        JsonElement { ValueKind: JsonValueKind.Object } element => element.Deserialize<V1JSONSchemaProps>(ObjectJson.Options),
        JsonObject node => node.Deserialize<V1JSONSchemaProps>(ObjectJson.Options),
        JsonValue node when node.GetValueKind() == JsonValueKind.True => new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true },
        _ => null,
    };

    /// <summary>Whether <c>additionalProperties</c> is the literal <c>false</c> (not allowed in a structural schema).</summary>
    public static bool IsFalse(object? value) => value switch
    {
        bool b => !b,
        JsonElement { ValueKind: JsonValueKind.False } => true,
        JsonValue node => node.GetValueKind() == JsonValueKind.False,
        _ => false,
    };

    /// <summary>A default or enum value as a JSON node.</summary>
    public static JsonNode? Node(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), ObjectJson.Options),
    };
}
