using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// Validates JSON against a CRD's structural schema as the API server does for custom resources, with its messages and
/// field paths (<c>spec.size: Invalid value: "big": spec.size in body must be of type integer: "string"</c>); also
/// applies the schema's defaults, as the API server does before validating. Unknown fields are not errors here: the
/// API server prunes them, and the caller reports them as it reports them for every kind.
/// </summary>
public static class SchemaValidator
{
    public const string TypeInvalid = "FieldValueTypeInvalid";
    public const string TooLong = "FieldValueTooLong";
    public const string TooMany = "FieldValueTooMany";

    private static readonly Dictionary<string, Regex> Patterns = [];
    private static readonly Lock PatternGate = new();

    /// <summary>Every problem with <paramref name="value"/> at <paramref name="path"/> (empty for the root).</summary>
    public static IReadOnlyList<FieldError> Validate(JsonNode? value, V1JSONSchemaProps schema, string path = "")
    {
        var errors = new List<FieldError>();
        Check(value, schema, path, errors);
        return errors;
    }

    /// <summary>Fills in absent fields that have a default, at every level where the parent object is present.</summary>
    public static void ApplyDefaults(JsonNode? value, V1JSONSchemaProps schema)
    {
        switch (value)
        {
            case JsonObject obj:
                if (schema.Properties is { } properties)
                {
                    foreach (var (name, property) in properties)
                    {
                        if ((!obj.TryGetPropertyValue(name, out var existing) || existing is null) && SchemaNodes.Node(property.DefaultProperty) is { } fallback)
                            obj[name] = fallback;
                        if (obj[name] is { } child) ApplyDefaults(child, property);
                    }
                }
                else if (SchemaNodes.Schema(schema.AdditionalProperties) is { } values)
                {
                    foreach (var (_, child) in obj.ToList()) ApplyDefaults(child, values);
                }
                break;
            case JsonArray array when SchemaNodes.Schema(schema.Items) is { } items:
                foreach (var item in array) ApplyDefaults(item, items);
                break;
        }
    }

    private static void Check(JsonNode? value, V1JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        if (value is null) return; // absent and null are alike (the API server prunes nulls of non-nullable fields)
        var kind = KindOf(value);

        if (schema.XKubernetesIntOrString == true)
        {
            if (kind is not ("integer" or "string"))
            {
                errors.Add(Type(path, value, "integer or string", kind));
                return;
            }
        }
        else if (!string.IsNullOrEmpty(schema.Type) && !Matches(schema.Type, kind))
        {
            errors.Add(Type(path, value, schema.Type, kind));
            return;
        }

        if (schema.AnyOf is { Count: > 0 } anyOf && !anyOf.Any(s => Validate(value, s, path).Count == 0))
            errors.Add(new FieldError(Field(path), $"Invalid value: {Show(value)}: {Body(path)} must validate one of the schemas", FieldError.Invalid));

        if (schema.EnumProperty is { Count: > 0 } allowed)
        {
            var options = allowed.Select(SchemaNodes.Node).ToList();
            if (!options.Any(o => JsonCompare.DeepEquals(o, value)))
                errors.Add(FieldError.Unsupported(Field(path), Plain(value), options.Select(Plain)));
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonValue scalar when kind == "string":
                CheckString(scalar.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue scalar when kind is "integer" or "number":
                CheckNumber(scalar, schema, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonObject obj, V1JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        foreach (var name in schema.Required ?? [])
            if (!obj.TryGetPropertyValue(name, out var present) || present is null) errors.Add(FieldError.MissingRequired(Child(path, name)));
        if (schema.MinProperties is { } minProperties && obj.Count < minProperties)
            errors.Add(new FieldError(Field(path), $"Invalid value: {obj.Count}: {Body(path)} should have at least {minProperties} properties"));
        if (schema.MaxProperties is { } maxProperties && obj.Count > maxProperties)
            errors.Add(new FieldError(Field(path), $"Too many: {obj.Count}: must have at most {maxProperties} items", TooMany));

        var values = SchemaNodes.Schema(schema.AdditionalProperties);
        foreach (var (name, child) in obj)
        {
            if (schema.Properties is { } properties && properties.TryGetValue(name, out var property)) Check(child, property, Child(path, name), errors);
            else if (values is not null) Check(child, values, Child(path, name), errors);
        }
    }

    private static void CheckArray(JsonArray array, V1JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        if (schema.MinItems is { } minItems && array.Count < minItems)
            errors.Add(new FieldError(Field(path), $"Invalid value: {array.Count}: {Body(path)} should have at least {minItems} items"));
        if (schema.MaxItems is { } maxItems && array.Count > maxItems)
            errors.Add(new FieldError(Field(path), $"Too many: {array.Count}: must have at most {maxItems} items", TooMany));
        if (schema.UniqueItems == true)
            for (var i = 1; i < array.Count; i++)
                if (array.Take(i).Any(earlier => JsonCompare.DeepEquals(earlier, array[i])))
                    errors.Add(new FieldError(FieldPath.Index(Field(path), i), $"Duplicate value: {Show(array[i])}", FieldError.Duplicate));
        if (SchemaNodes.Schema(schema.Items) is not { } items) return;
        for (var i = 0; i < array.Count; i++) Check(array[i], items, FieldPath.Index(path, i), errors);
    }

    private static void CheckString(string text, V1JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        var length = new StringInfo(text).LengthInTextElements;
        if (schema.MinLength is { } min && length < min)
            errors.Add(new FieldError(Field(path), $"Invalid value: {Quote(text)}: {Body(path)} should be at least {min} chars long"));
        if (schema.MaxLength is { } max && length > max)
            errors.Add(new FieldError(Field(path), $"Too long: may not be more than {max} bytes", TooLong));
        if (!string.IsNullOrEmpty(schema.Pattern) && !Pattern(schema.Pattern).IsMatch(text))
            errors.Add(new FieldError(Field(path), $"Invalid value: {Quote(text)}: {Body(path)} should match '{schema.Pattern}'"));
        if (schema.Format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            errors.Add(new FieldError(Field(path), $"Invalid value: {Quote(text)}: {Body(path)} in body must be of type date-time: {Quote(text)}"));
        if (schema.Format == "byte" && !IsBase64(text))
            errors.Add(new FieldError(Field(path), $"Invalid value: {Quote(text)}: {Body(path)} in body must be of type byte: {Quote(text)}"));
    }

    private static void CheckNumber(JsonValue scalar, V1JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        var number = Element(scalar).GetDouble();
        var shown = scalar.ToJsonString();
        if (schema.Minimum is { } minimum && (schema.ExclusiveMinimum == true ? number <= minimum : number < minimum))
            errors.Add(new FieldError(Field(path), $"Invalid value: {shown}: {Body(path)} should be greater than {(schema.ExclusiveMinimum == true ? "" : "or equal to ")}{Number(minimum)}"));
        if (schema.Maximum is { } maximum && (schema.ExclusiveMaximum == true ? number >= maximum : number > maximum))
            errors.Add(new FieldError(Field(path), $"Invalid value: {shown}: {Body(path)} should be less than {(schema.ExclusiveMaximum == true ? "" : "or equal to ")}{Number(maximum)}"));
        if (schema.MultipleOf is { } multiple && multiple > 0 && Math.Abs(number / multiple - Math.Round(number / multiple)) > 1e-9)
            errors.Add(new FieldError(Field(path), $"Invalid value: {shown}: {Body(path)} should be a multiple of {Number(multiple)}"));
        var (low, high) = schema.Format switch
        {
            "int32" => (int.MinValue, (double)int.MaxValue),
            "int64" => (long.MinValue, (double)long.MaxValue),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        if (number < low || number > high)
            errors.Add(new FieldError(Field(path), $"Invalid value: {shown}: {Body(path)} in body must be of type {schema.Format}: \"{shown}\""));
    }

    private static string KindOf(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static bool IsInteger(JsonValue value)
    {
        var number = Element(value);
        return number.TryGetInt64(out _) || (number.TryGetDouble(out var d) && Math.Floor(d) == d && !double.IsInfinity(d));
    }

    /// <summary>A value as a JSON element, whether it was parsed (an element already) or built from a CLR value.</summary>
    private static JsonElement Element(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element : JsonSerializer.SerializeToElement(value);

    private static bool Matches(string type, string kind) => type == kind || (type == "number" && kind == "integer");

    private static FieldError Type(string path, JsonNode value, string expected, string actual) =>
        new(Field(path), $"Invalid value: {Quote(actual)}: {Body(path)} must be of type {expected}: {Quote(actual)}", TypeInvalid);

    private static string Field(string path) => path.Length == 0 ? "<root>" : path;

    private static string Body(string path) => $"{Field(path)} in body";

    private static string Child(string path, string name) => FieldPath.Property(path, name);

    private static string Quote(string text) => JsonSerializer.Serialize(text, ObjectJson.Options);

    /// <summary>A value as the API server shows it in a message: strings quoted, everything else as JSON.</summary>
    private static string Show(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Quote(v.GetValue<string>()) : value?.ToJsonString(ObjectJson.Options) ?? "null";

    private static string Plain(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString(ObjectJson.Options) ?? "null";

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static Regex Pattern(string pattern)
    {
        lock (PatternGate)
        {
            if (!Patterns.TryGetValue(pattern, out var regex))
            {
                // The API server compiles patterns with Go's RE2; the patterns schemas use read the same in .NET.
                regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                Patterns[pattern] = regex;
            }
            return regex;
        }
    }
}
