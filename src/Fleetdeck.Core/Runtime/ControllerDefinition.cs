using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// A controller: a primary kind, the kinds it owns (their events enqueue their controlling owner), other watched
/// kinds with a mapping to primary keys, the reconciler, and how many keys it may reconcile at once.
/// </summary>
public sealed record ControllerDefinition(string Name, ResourceKind For, Func<ControllerContext, IReconciler> Reconciler)
{
    public IReadOnlyList<ResourceKind> Owns { get; init; } = [];

    public IReadOnlyList<WatchSource> Watches { get; init; } = [];

    /// <summary>
    /// Kinds the reconciler creates, changes or deletes whose events do not wake it (drift is undone at the resync):
    /// read through informers like owned kinds, and granted the same verbs.
    /// </summary>
    public IReadOnlyList<ResourceKind> Writes { get; init; } = [];

    /// <summary>
    /// What the Roles this controller writes grant to others. Kubernetes lets a controller create a Role only when it
    /// holds those permissions itself, so the operator's RBAC includes them.
    /// </summary>
    public IReadOnlyList<V1PolicyRule> Grants { get; init; } = [];

    public int MaxConcurrency { get; init; } = 1;

    /// <summary>Which primary-kind updates enqueue a reconcile; by default any change (a resync always does).</summary>
    public Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool> UpdatePredicate { get; init; } = (_, _) => true;

    /// <summary>Every kind this controller reads through informers: what RBAC and informers derive from.</summary>
    public IEnumerable<ResourceKind> AllKinds => new[] { For }.Concat(Owns).Concat(Watches.Select(w => w.Kind)).Concat(Writes).DistinctBy(k => k.Key);
}
