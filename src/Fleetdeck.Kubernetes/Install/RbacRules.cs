using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.Kubernetes.Install;

/// <summary>
/// Least-privilege RBAC derived from what the controllers declare, per kind and role:
/// <list type="bullet">
/// <item>a controller's primary kind (<c>For</c>): read and watch it, update it (finalizers), and read and update its
///   <c>/status</c>; <c>/finalizers</c> update too, which clusters that enforce owner references require of an owner
///   whose dependents block its deletion;</item>
/// <item>owned and written kinds (<c>Owns</c>, <c>Writes</c>): read, watch, create, update, patch and delete them (the applier does all of these);</item>
/// <item>watched kinds (<c>Watches</c>): read and watch only;</item>
/// <item>what the Roles a controller writes grant (<c>Grants</c>): Kubernetes refuses a Role granting more than its creator holds.</item>
/// </list>
/// The rules come out merged and sorted, so the same controllers always give the same RBAC.
/// </summary>
public static class RbacRules
{
    public static readonly string[] Read = ["get", "list", "watch"];
    public static readonly string[] Write = ["create", "delete", "patch", "update"];

    /// <summary>The verbs per (group, resource or resource/subresource) that the controllers need.</summary>
    public static IReadOnlyDictionary<(string Group, string Resource), IReadOnlySet<string>> Permissions(IEnumerable<ControllerDefinition> controllers)
    {
        var permissions = new Dictionary<(string, string), SortedSet<string>>();
        void GrantKey((string, string) key, IEnumerable<string> verbs)
        {
            if (!permissions.TryGetValue(key, out var set)) permissions[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.UnionWith(verbs);
        }
        void Grant(ResourceKind kind, string? subresource, IEnumerable<string> verbs) =>
            GrantKey((kind.Group, subresource is null ? kind.Plural : $"{kind.Plural}/{subresource}"), verbs);

        foreach (var controller in controllers)
        {
            Grant(controller.For, null, [.. Read, "patch", "update"]);
            if (controller.For.HasStatus) Grant(controller.For, "status", ["get", "patch", "update"]);
            Grant(controller.For, "finalizers", ["update"]);
            foreach (var owned in controller.Owns.Concat(controller.Writes)) Grant(owned, null, [.. Read, .. Write]);
            foreach (var watched in controller.Watches) Grant(watched.Kind, null, Read);
            foreach (var rule in controller.Grants)
                foreach (var group in rule.ApiGroups ?? [])
                    foreach (var resource in rule.Resources ?? [])
                        GrantKey((group, resource), rule.Verbs);
        }
        return permissions.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value);
    }

    /// <summary>Policy rules for the given kinds' permissions: one rule per group and verb set, resources sorted.</summary>
    public static List<V1PolicyRule> Rules(IReadOnlyDictionary<(string Group, string Resource), IReadOnlySet<string>> permissions) =>
        [.. permissions
            .GroupBy(p => (p.Key.Group, Verbs: string.Join(",", p.Value)))
            .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Verbs, StringComparer.Ordinal)
            .Select(g => new V1PolicyRule
            {
                ApiGroups = [g.Key.Group],
                Resources = [.. g.Select(p => p.Key.Resource).Order(StringComparer.Ordinal)],
                Verbs = [.. g.First().Value],
            })];

    /// <summary>What leader election needs in the operator's namespace: to create its Lease, then read and renew that one only.</summary>
    public static List<V1PolicyRule> LeaderElection(string leaseName) =>
    [
        new() { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = ["create"] },
        new() { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], ResourceNames = [leaseName], Verbs = ["get", "update"] },
    ];
}
