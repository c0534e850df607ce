using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// A structural OpenAPI v3 schema for a kind, derived from its C# type exactly as Fleetdeck serializes it (the JSON names,
/// what is written and read): types, formats, enums (C# enums, <see cref="AllowedValuesAttribute"/>), required fields
/// (<see cref="RequiredAttribute"/>, <c>required</c>, <see cref="JsonRequiredAttribute"/>), patterns
/// (<see cref="RegularExpressionAttribute"/>), bounds (<see cref="RangeAttribute"/>, <see cref="MinLengthAttribute"/>,
/// <see cref="MaxLengthAttribute"/>, <see cref="LengthAttribute"/>, <see cref="StringLengthAttribute"/>), defaults
/// (<see cref="DefaultValueAttribute"/>) and descriptions (XML doc comments, or <see cref="DescriptionAttribute"/>).
/// Kubernetes' own value types keep their API semantics: <c>IntOrString</c>, quantities, embedded object metadata.
/// A type the serializer handles with a converter of its own, or a recursive one, keeps its unknown fields.
/// </summary>
public sealed class SchemaGenerator(XmlDocumentation? documentation = null)
{
    /// <summary>The API server's own pattern for a <c>resource.Quantity</c>.</summary>
    public const string QuantityPattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    private readonly XmlDocumentation _docs = documentation ?? XmlDocumentation.Shared;

    private static JsonSerializerOptions Options => ObjectJson.Options;

    /// <summary>The <c>openAPIV3Schema</c> of a kind: apiVersion, kind, metadata, and the type's own fields (spec, status, ...).</summary>
    public V1JSONSchemaProps ForKind(ResourceKind kind)
    {
        var root = ObjectSchema(kind.ClrType, [kind.ClrType]);
        root.Description = _docs.Type(kind.ClrType);
        root.Properties ??= new Dictionary<string, V1JSONSchemaProps>();
        root.Properties["apiVersion"] = new V1JSONSchemaProps
        {
            Type = "string",
            Description = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
        };
        root.Properties["kind"] = new V1JSONSchemaProps
        {
            Type = "string",
            Description = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        };
        // The API server validates metadata itself; a CRD schema may say no more than that it is an object.
        root.Properties["metadata"] = new V1JSONSchemaProps { Type = "object" };
        root.Properties = Sorted(root.Properties);
        // apiVersion, kind and metadata are the API server's to fill in, never required of a client.
        var required = root.Required?.Where(r => r is not ("apiVersion" or "kind" or "metadata")).ToList();
        root.Required = required is { Count: > 0 } ? required : null;
        return root;
    }

    /// <summary>The schema of any type, as it appears as a field.</summary>
    public V1JSONSchemaProps ForType(Type type) => Schema(type, []);

    private V1JSONSchemaProps Schema(Type type, List<Type> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(char) || type == typeof(Uri) || type == typeof(Guid) || type == typeof(TimeSpan)) return Typed("string");
        if (type == typeof(bool)) return Typed("boolean");
        if (type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort)) return Typed("integer", "int32");
        if (type == typeof(long) || type == typeof(uint) || type == typeof(ulong)) return Typed("integer", "int64");
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return Typed("number");
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return Typed("string", "date-time");
        if (type == typeof(byte[])) return Typed("string", "byte");
        if (type == typeof(IntOrString)) return new V1JSONSchemaProps { XKubernetesIntOrString = true };
        if (type == typeof(ResourceQuantity))
        {
            return new V1JSONSchemaProps
            {
                AnyOf = [Typed("integer"), Typed("string")],
                Pattern = QuantityPattern,
                XKubernetesIntOrString = true,
            };
        }
        if (type == typeof(JsonObject)) return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        if (type == typeof(JsonArray)) return new V1JSONSchemaProps { Type = "array", Items = new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true } };
        if (type == typeof(object) || type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(JsonValue))
            return new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true };
        if (type == typeof(V1ObjectMeta)) return EmbeddedMetadata();
        if (type.IsEnum) return EnumSchema(type);

        var info = Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Dictionary:
                return new V1JSONSchemaProps { Type = "object", AdditionalProperties = Schema(info.ElementType!, path) };
            case JsonTypeInfoKind.Enumerable:
                return new V1JSONSchemaProps { Type = "array", Items = Schema(info.ElementType!, path) };
            case JsonTypeInfoKind.Object when !path.Contains(type):
                return ObjectSchema(type, [.. path, type]);
            default:
                // A converter of its own (we cannot know its JSON), or a type that contains itself (a structural schema
                // cannot): keep whatever the client sends below this point.
                return new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true };
        }
    }

    private V1JSONSchemaProps ObjectSchema(Type type, List<Type> path)
    {
        var info = Options.GetTypeInfo(type);
        var schema = new V1JSONSchemaProps { Type = "object" };
        var properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var property in info.Properties)
        {
            if (property.IsExtensionData)
            {
                schema.XKubernetesPreserveUnknownFields = true;
                continue;
            }
            // Computed, read-only properties are written but never read back: they are not part of the API.
            if (property.Set is null && !property.IsRequired) continue;
            var member = property.AttributeProvider as MemberInfo;
            var field = Schema(property.PropertyType, path);
            if (member is not null) Annotate(field, member);
            field.Description ??= (member is null ? null : _docs.Member(member)) ?? DescriptionOfType(property.PropertyType);
            properties[property.Name] = field;
            if (property.IsRequired || member?.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(property.Name);
        }
        if (properties.Count > 0) schema.Properties = Sorted(properties);
        if (required.Count > 0) schema.Required = [.. required.Order(StringComparer.Ordinal)];
        return schema;
    }

    /// <summary>What a nested object field is, when the field itself has no comment: its type's (or its items' type's) summary.</summary>
    private string? DescriptionOfType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type == typeof(string)) return null;
        var info = Options.GetTypeInfo(type);
        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary && info.ElementType is { } element)
            type = Nullable.GetUnderlyingType(element) ?? element;
        return type.Assembly == typeof(string).Assembly ? null : _docs.Type(type);
    }

    private static void Annotate(V1JSONSchemaProps schema, MemberInfo member)
    {
        foreach (var attribute in member.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case RegularExpressionAttribute regex:
                    schema.Pattern = regex.Pattern;
                    break;
                case RangeAttribute range:
                    schema.Minimum = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                    schema.Maximum = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                    if (range.MinimumIsExclusive) schema.ExclusiveMinimum = true;
                    if (range.MaximumIsExclusive) schema.ExclusiveMaximum = true;
                    break;
                case LengthAttribute length:
                    SetLength(schema, length.MinimumLength, length.MaximumLength);
                    break;
                case MinLengthAttribute min:
                    SetLength(schema, min.Length, null);
                    break;
                case MaxLengthAttribute max:
                    SetLength(schema, null, max.Length);
                    break;
                case StringLengthAttribute length:
                    SetLength(schema, length.MinimumLength > 0 ? length.MinimumLength : null, length.MaximumLength);
                    break;
                case AllowedValuesAttribute allowed:
                    schema.EnumProperty = [.. allowed.Values.Select(v => (object)JsonSerializer.SerializeToNode(v, Options)!)];
                    break;
                case DefaultValueAttribute { Value: { } value }:
                    schema.DefaultProperty = JsonSerializer.SerializeToNode(value, value.GetType(), Options);
                    break;
                case DescriptionAttribute description:
                    schema.Description = description.Description;
                    break;
            }
        }
    }

    private static void SetLength(V1JSONSchemaProps schema, int? min, int? max)
    {
        switch (schema.Type)
        {
            case "array":
                if (min is not null) schema.MinItems = min;
                if (max is not null) schema.MaxItems = max;
                break;
            case "object":
                if (min is not null) schema.MinProperties = min;
                if (max is not null) schema.MaxProperties = max;
                break;
            default:
                if (min is not null) schema.MinLength = min;
                if (max is not null) schema.MaxLength = max;
                break;
        }
    }

    private static V1JSONSchemaProps EnumSchema(Type type)
    {
        var values = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .Select(name => (object)JsonValue.Create(name))
            .ToList();
        return new V1JSONSchemaProps { Type = "string", EnumProperty = values };
    }

    /// <summary>Object metadata inside a spec (a pod template's, say): the fields a template may set, as controller-gen writes them.</summary>
    private static V1JSONSchemaProps EmbeddedMetadata() => new()
    {
        Type = "object",
        Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["annotations"] = new() { Type = "object", AdditionalProperties = Typed("string") },
            ["finalizers"] = new() { Type = "array", Items = Typed("string") },
            ["labels"] = new() { Type = "object", AdditionalProperties = Typed("string") },
            ["name"] = Typed("string"),
            ["namespace"] = Typed("string"),
        },
    };

    private static V1JSONSchemaProps Typed(string type, string? format = null) => new() { Type = type, Format = format };

    private static Dictionary<string, V1JSONSchemaProps> Sorted(IDictionary<string, V1JSONSchemaProps> properties) =>
        properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
