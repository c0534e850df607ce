using k8s.Models;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// The API server's rules for a structural schema (apiextensions.k8s.io/v1 refuses a CRD whose schema breaks one), checked
/// offline: every node has a type unless it is int-or-string or keeps unknown fields; no <c>$ref</c>; <c>properties</c> and
/// <c>additionalProperties</c> never together, and <c>additionalProperties</c> never <c>false</c>; arrays have items;
/// logical junctors (<c>anyOf</c> ...) set no types, descriptions, defaults or nullability beyond the int-or-string form;
/// <c>metadata</c> restricts at most name and generateName; defaults validate against their own schema.
/// </summary>
public static class StructuralSchema
{
    /// <summary>Every violation, each as <c>path: what is wrong</c>; empty for a structural schema.</summary>
    public static IReadOnlyList<string> Violations(V1JSONSchemaProps root)
    {
        var violations = new List<string>();
        if (root.Type != "object") violations.Add("openAPIV3Schema.type: Required value: must be object at the root");
        Check(root, "openAPIV3Schema", violations, isRoot: true);
        return violations;
    }

    private static void Check(V1JSONSchemaProps schema, string path, List<string> violations, bool isRoot = false, bool inJunctor = false)
    {
        var intOrString = schema.XKubernetesIntOrString == true;
        var preserves = schema.XKubernetesPreserveUnknownFields == true;
        if (!inJunctor && string.IsNullOrEmpty(schema.Type) && !intOrString && !preserves)
            violations.Add($"{path}.type: Required value: must not be empty for specified object fields");
        if (intOrString && !string.IsNullOrEmpty(schema.Type))
            violations.Add($"{path}.type: Forbidden: must be empty when x-kubernetes-int-or-string is true");
        if (!string.IsNullOrEmpty(schema.RefProperty)) violations.Add($"{path}.$ref: Forbidden: $ref is not allowed");
        if (schema.Definitions is { Count: > 0 }) violations.Add($"{path}.definitions: Forbidden: definitions are not allowed");
        if (schema.Properties is { Count: > 0 } && schema.AdditionalProperties is not null)
            violations.Add($"{path}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
        if (SchemaNodes.IsFalse(schema.AdditionalProperties))
            violations.Add($"{path}.additionalProperties: Forbidden: must not be false (unknown fields are pruned instead)");
        if (schema.Type == "array" && schema.Items is null)
            violations.Add($"{path}.items: Required value: must be specified for an array");
        if (schema.Type is not (null or "" or "object" or "array" or "string" or "integer" or "number" or "boolean"))
            violations.Add($"{path}.type: Unsupported value: \"{schema.Type}\"");

        if (inJunctor)
        {
            if (!string.IsNullOrEmpty(schema.Description)) violations.Add($"{path}.description: Forbidden: must not be used inside allOf, anyOf, oneOf or not");
            if (schema.DefaultProperty is not null) violations.Add($"{path}.default: Forbidden: must not be used inside allOf, anyOf, oneOf or not");
            if (schema.Nullable == true) violations.Add($"{path}.nullable: Forbidden: must not be used inside allOf, anyOf, oneOf or not");
            if (schema.AdditionalProperties is not null) violations.Add($"{path}.additionalProperties: Forbidden: must not be used inside allOf, anyOf, oneOf or not");
        }

        CheckJunctors(schema, path, violations, intOrString);

        if (schema.DefaultProperty is not null)
        {
            if (isRoot) violations.Add($"{path}.default: Forbidden: must not be set at the root");
            var problems = SchemaValidator.Validate(SchemaNodes.Node(schema.DefaultProperty), WithoutDefault(schema), "default");
            foreach (var problem in problems) violations.Add($"{path}.default: Invalid value: {problem}");
        }

        if (isRoot && schema.Properties?.TryGetValue("metadata", out var metadata) == true) CheckMetadata(metadata, $"{path}.properties[metadata]", violations);

        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            if (isRoot && name == "metadata") continue;
            Check(property, $"{path}.properties[{name}]", violations, inJunctor: inJunctor);
        }
        if (SchemaNodes.Schema(schema.AdditionalProperties) is { } values && !SchemaNodes.IsFalse(schema.AdditionalProperties) && schema.AdditionalProperties is not bool)
            Check(values, $"{path}.additionalProperties", violations, inJunctor: inJunctor);
        if (SchemaNodes.Schema(schema.Items) is { } items) Check(items, $"{path}.items", violations, inJunctor: inJunctor);
    }

    private static void CheckJunctors(V1JSONSchemaProps schema, string path, List<string> violations, bool intOrString)
    {
        // The one form allowed with types inside a junctor: int-or-string's anyOf [{type: integer}, {type: string}].
        var intOrStringForm = intOrString && schema.AnyOf is { Count: 2 } anyOf
            && anyOf.Select(s => s.Type).Order(StringComparer.Ordinal).SequenceEqual(["integer", "string"]);
        foreach (var (name, list) in new[] { ("allOf", schema.AllOf), ("anyOf", schema.AnyOf), ("oneOf", schema.OneOf) })
        {
            if (list is null) continue;
            for (var i = 0; i < list.Count; i++)
            {
                var inner = list[i];
                var innerPath = $"{path}.{name}[{i}]";
                if (!string.IsNullOrEmpty(inner.Type) && !(intOrStringForm && name == "anyOf"))
                    violations.Add($"{innerPath}.type: Forbidden: must be empty inside a logical junctor");
                Check(inner, innerPath, violations, inJunctor: true);
            }
        }
        if (schema.Not is { } not) Check(not, $"{path}.not", violations, inJunctor: true);
    }

    private static void CheckMetadata(V1JSONSchemaProps metadata, string path, List<string> violations)
    {
        if (metadata.Type != "object") violations.Add($"{path}.type: Unsupported value: must be object");
        foreach (var name in metadata.Properties?.Keys ?? [])
            if (name is not ("name" or "generateName"))
                violations.Add($"{path}.properties[{name}]: Forbidden: only name and generateName may be restricted");
        if (metadata.AdditionalProperties is not null || metadata.Required is { Count: > 0 } || metadata.DefaultProperty is not null)
            violations.Add($"{path}: Forbidden: must not restrict metadata beyond name and generateName");
    }

    private static V1JSONSchemaProps WithoutDefault(V1JSONSchemaProps schema) => new()
    {
        Type = schema.Type,
        Format = schema.Format,
        EnumProperty = schema.EnumProperty,
        Pattern = schema.Pattern,
        Minimum = schema.Minimum,
        Maximum = schema.Maximum,
        ExclusiveMinimum = schema.ExclusiveMinimum,
        ExclusiveMaximum = schema.ExclusiveMaximum,
        MinLength = schema.MinLength,
        MaxLength = schema.MaxLength,
        MinItems = schema.MinItems,
        MaxItems = schema.MaxItems,
        Items = schema.Items,
        Properties = schema.Properties,
        AdditionalProperties = schema.AdditionalProperties,
        Required = schema.Required,
        XKubernetesIntOrString = schema.XKubernetesIntOrString,
        AnyOf = schema.AnyOf,
    };
}
