using k8s;
using k8s.Models;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>
/// Everything one product object renders to, and what its readiness depends on: the workloads that must be available,
/// its database, and the Secrets its pods read that Fleetdeck does not make.
/// </summary>
public sealed record RenderedProduct(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects)
{
    /// <summary>Deployments and StatefulSets (kind, name) whose availability makes the product Ready.</summary>
    public IReadOnlyList<(string Kind, string Name)> Workloads { get; init; } = [];

    /// <summary>The PostgresDatabase the product needs Ready, if any.</summary>
    public string? Database { get; init; }

    /// <summary>Kubernetes Secrets (name, the field that names it) the pods read and someone else provides.</summary>
    public IReadOnlyList<(string Name, string Field)> RequiredSecrets { get; init; } = [];

    /// <summary>The generated key Secret reported in <c>status.keySecretRef</c>.</summary>
    public string? KeySecret { get; init; }
}
