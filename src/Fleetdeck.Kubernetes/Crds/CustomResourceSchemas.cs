using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// What the API server does with a custom resource before storing it, given the CRDs Fleetdeck generates: fill in the
/// schema's defaults, then validate against the schema. The façade uses it (<c>KubeApiServerOptions.CustomResourceValidation</c>)
/// so that a CR a real cluster would refuse is refused locally too, with the same field paths.
/// </summary>
public sealed class CustomResourceSchemas(CrdGenerator? generator = null)
{
    private static readonly string[] ServerFields = ["apiVersion", "kind", "metadata"];

    private readonly CrdGenerator _generator = generator ?? new CrdGenerator();
    private readonly ConcurrentDictionary<ResourceKind, V1JSONSchemaProps?> _schemas = new();

    /// <summary>The schema of an owned kind; null for built-in and third-party kinds.</summary>
    public V1JSONSchemaProps? For(ResourceKind kind) =>
        _schemas.GetOrAdd(kind, k => CrdGenerator.IsOwned(k) ? _generator.For(k).Spec.Versions[0].Schema.OpenAPIV3Schema : null);

    /// <summary>Defaults <paramref name="obj"/> in place and returns every schema violation (none for kinds without a schema).</summary>
    public IReadOnlyList<FieldError> Admit(ResourceKind kind, JsonObject obj)
    {
        if (For(kind) is not { } schema) return [];
        // The API server checks apiVersion, kind and metadata itself (and so does the façade); the schema covers the rest.
        var body = new JsonObject();
        foreach (var (name, value) in obj)
            if (!ServerFields.Contains(name)) body[name] = value?.DeepClone();
        var rest = new V1JSONSchemaProps
        {
            Type = "object",
            Properties = schema.Properties?.Where(p => !ServerFields.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value),
            Required = schema.Required?.Where(r => !ServerFields.Contains(r)).ToList(),
        };
        SchemaValidator.ApplyDefaults(body, rest);
        foreach (var (name, value) in body) obj[name] = value?.DeepClone();
        return SchemaValidator.Validate(body, rest);
    }
}
