using k8s;
using k8s.Models;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>What a product controller needs to know about its kind: how to render it, which generated Secrets it keeps, what it makes.</summary>
internal sealed record ProductDefinition<T>(
    string ControllerName,
    Func<T, IRenderInputs, RenderOptions, RenderedProduct> Render,
    Func<T, IEnumerable<string>> GeneratedSecrets,
    IReadOnlyList<Type> OwnedTypes)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>What the Roles it renders grant (the operator must hold it too).</summary>
    public IReadOnlyList<V1PolicyRule> RoleGrants { get; init; } = [];
}
