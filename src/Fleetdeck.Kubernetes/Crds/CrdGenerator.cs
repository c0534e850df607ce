using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// <c>apiextensions.k8s.io/v1</c> CustomResourceDefinitions for the kinds Fleetdeck owns (those whose type derives from
/// <see cref="CustomResource{TSpec,TStatus}"/>; built-ins and third-party kinds such as Istio's are someone else's):
/// one served and stored version, the structural schema from <see cref="SchemaGenerator"/>, the <c>status</c> subresource,
/// short names and categories from the registry, and printer columns (the kind's own, with <c>Ready</c> for kinds with
/// conditions and <c>Age</c> last). Output is deterministic: the same types give the same bytes.
/// </summary>
public sealed class CrdGenerator(SchemaGenerator? schemas = null)
{
    private static readonly PrinterColumn ReadyColumn = new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the object is reconciled and working");
    private static readonly PrinterColumn ReasonColumn = new("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", "Why it is (not) ready", Priority: 1);

    private readonly SchemaGenerator _schemas = schemas ?? new SchemaGenerator();

    /// <summary>Whether Fleetdeck defines the kind (and so ships its CRD).</summary>
    public static bool IsOwned(ResourceKind kind)
    {
        if (kind.ThirdParty) return false;
        for (var type = kind.ClrType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CustomResource<,>)) return true;
        return false;
    }

    /// <summary>CRDs for every owned kind in the registry, ordered by group, then plural.</summary>
    public IReadOnlyList<V1CustomResourceDefinition> Generate(KindRegistry kinds) =>
        [.. kinds.All.Where(IsOwned).OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Plural, StringComparer.Ordinal).Select(For)];

    public V1CustomResourceDefinition For(ResourceKind kind)
    {
        if (!IsOwned(kind)) throw new ArgumentException($"{kind} is not a Fleetdeck kind; its CRD is not Fleetdeck's to generate", nameof(kind));
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta
            {
                Name = $"{kind.Plural}.{kind.Group}",
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "fleetdeck" },
            },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = kind.Group,
                Scope = kind.Namespaced ? "Namespaced" : "Cluster",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = kind.Kind,
                    ListKind = kind.Kind + "List",
                    Plural = kind.Plural,
                    Singular = kind.Singular,
                    ShortNames = kind.ShortNames.Count > 0 ? [.. kind.ShortNames] : null,
                    Categories = kind.Categories.Count > 0 ? [.. kind.Categories] : null,
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = kind.Version,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = _schemas.ForKind(kind) },
                        Subresources = kind.HasStatus ? new V1CustomResourceSubresources { Status = new Dictionary<string, object>() } : null,
                        AdditionalPrinterColumns = [.. Columns(kind).Select(Column)],
                    },
                ],
            },
        };
    }

    /// <summary>The kind's columns; <c>Ready</c> (and, in wide output, its reason) for kinds with conditions; <c>Age</c> last.</summary>
    public static IReadOnlyList<PrinterColumn> Columns(ResourceKind kind)
    {
        var columns = kind.PrinterColumns.ToList();
        if (typeof(IConditionedObject).IsAssignableFrom(kind.ClrType))
        {
            if (!columns.Any(c => c.Name.Equals("Ready", StringComparison.OrdinalIgnoreCase))) columns.Insert(0, ReadyColumn);
            if (!columns.Any(c => c.Name.Equals("Reason", StringComparison.OrdinalIgnoreCase))) columns.Add(ReasonColumn);
        }
        if (!columns.Any(c => c.Name.Equals("Age", StringComparison.OrdinalIgnoreCase)))
            columns.Add(new PrinterColumn("Age", "date", ".metadata.creationTimestamp"));
        return columns;
    }

    private static V1CustomResourceColumnDefinition Column(PrinterColumn column) => new()
    {
        Name = column.Name,
        Type = column.Type,
        JsonPath = column.JsonPath,
        Description = column.Description,
        Priority = column.Priority == 0 ? null : column.Priority,
    };
}
