using Fleetdeck.Core.Runtime;
using Fleetdeck.Kubernetes.Install;

namespace Fleetdeck.Kubernetes.Tests.Install;

/// <summary>RBAC derived from the controllers' declared kinds: what they need, and nothing more.</summary>
public sealed class RbacRulesTests
{
    [Fact]
    public void Each_role_of_a_kind_gets_its_verbs()
    {
        var permissions = RbacRules.Permissions(TestModules.TestCatalog().Controllers)
            .ToDictionary(p => $"{p.Key.Group}/{p.Key.Resource}", p => string.Join(",", p.Value));

        permissions.ShouldBe(new Dictionary<string, string>
        {
            // primaries: read, watch, update (finalizers); status; finalizers (owner references that block deletion)
            ["test.fleetdeck.dev/widgets"] = "get,list,patch,update,watch",
            ["test.fleetdeck.dev/widgets/status"] = "get,patch,update",
            ["test.fleetdeck.dev/widgets/finalizers"] = "update",
            ["test.fleetdeck.dev/gadgets"] = "get,list,patch,update,watch",
            ["test.fleetdeck.dev/gadgets/status"] = "get,patch,update",
            ["test.fleetdeck.dev/gadgets/finalizers"] = "update",
            // owned by widgets (all the applier does) and watched by gadgets: the union
            ["/configmaps"] = "create,delete,get,list,patch,update,watch",
            ["/secrets"] = "create,delete,get,list,patch,update,watch",
            // watched only
            ["/namespaces"] = "get,list,watch",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Every_kind_an_informer_reads_can_be_listed_and_watched_and_nothing_else_is_granted()
    {
        var catalog = TestModules.BuildCatalog();
        // What Roles grant to others is checked on its own below; here, what the controllers themselves use.
        var permissions = RbacRules.Permissions(catalog.Controllers.Select(c => c with { Grants = [] }));
        var watched = catalog.WatchedKinds.Select(k => (k.Group, k.Plural)).ToHashSet();

        foreach (var kind in watched)
            foreach (var verb in RbacRules.Read) permissions[(kind.Group, kind.Plural)].ShouldContain(verb, $"{kind.Plural}.{kind.Group}");
        foreach (var ((group, resource), verbs) in permissions)
        {
            watched.ShouldContain((group, resource.Split('/')[0]), $"{resource}.{group} is granted but no controller declares it");
            verbs.ShouldNotContain("*");
            verbs.ShouldNotContain("deletecollection");
            verbs.ShouldNotContain("escalate");
        }
    }

    [Fact]
    public void Only_primaries_get_status_and_only_owned_or_written_kinds_get_create_and_delete()
    {
        var catalog = TestModules.BuildCatalog();
        var permissions = RbacRules.Permissions(catalog.Controllers.Select(c => c with { Grants = [] }));
        var primaries = catalog.Controllers.Select(c => c.For.Key).ToHashSet();
        var owned = catalog.Controllers.SelectMany(c => c.Owns.Concat(c.Writes)).Select(k => k.Key).ToHashSet();

        foreach (var ((group, resource), verbs) in permissions)
        {
            var key = group.Length == 0 ? resource.Split('/')[0] : $"{resource.Split('/')[0]}.{group}";
            if (resource.Contains('/')) primaries.ShouldContain(key);
            if (verbs.Contains("create") || verbs.Contains("delete")) owned.ShouldContain(key);
        }
    }

    [Fact]
    public void What_a_controllers_roles_grant_is_granted_to_the_operator_and_nothing_more()
    {
        var catalog = TestModules.BuildCatalogWithoutTests();
        var withoutGrants = RbacRules.Permissions(catalog.Controllers.Select(c => c with { Grants = [] }));
        var permissions = RbacRules.Permissions(catalog.Controllers);

        foreach (var rule in catalog.Controllers.SelectMany(c => c.Grants))
            foreach (var group in rule.ApiGroups)
                foreach (var resource in rule.Resources)
                    permissions[(group, resource)].ShouldBe(permissions[(group, resource)].Union(rule.Verbs), ignoreOrder: true, $"{resource}.{group}");
        foreach (var (key, verbs) in permissions.Where(p => !withoutGrants.ContainsKey(p.Key)))
            catalog.Controllers.SelectMany(c => c.Grants).ShouldContain(r => r.ApiGroups.Contains(key.Group) && r.Resources.Contains(key.Resource), $"{key} comes from a Role's rules");
    }

    [Fact]
    public void What_the_team_operator_and_the_provisioner_write_is_granted_to_the_operator()
    {
        var permissions = RbacRules.Permissions(TestModules.BuildCatalogWithoutTests().Controllers);

        foreach (var resource in new[] { ("apps", "deployments"), ("", "services"), ("", "configmaps"), ("", "secrets"), ("networking.k8s.io", "ingresses"),
                     ("core.posit.team", "connects"), ("core.posit.team", "postgresdatabases"), ("rollouts.fleetdeck.dev", "releasemanagers") })
            permissions[resource].ShouldBe(["create", "delete", "get", "list", "patch", "update", "watch"], ignoreOrder: true, $"{resource}");
        permissions[("core.posit.team", "sites")].ShouldContain("create", "org provisioning makes each org's Site");
        // The launcher's Role grants pod verbs: Kubernetes lets the operator create it only when it holds them too.
        permissions[("", "pods/exec")].ShouldBe(["create", "delete", "get", "list", "patch", "update", "watch"], ignoreOrder: true);
        permissions[("core.posit.team", "sites")].ShouldContain("watch");
    }

    [Fact]
    public void Rules_merge_resources_with_the_same_verbs_in_a_stable_order()
    {
        var rules = RbacRules.Rules(RbacRules.Permissions(TestModules.TestCatalog().Controllers));

        rules.Select(r => $"{r.ApiGroups.Single()}|{string.Join(",", r.Resources)}|{string.Join(",", r.Verbs)}").ShouldBe(
        [
            "|configmaps,secrets|create,delete,get,list,patch,update,watch",
            "|namespaces|get,list,watch",
            "test.fleetdeck.dev|gadgets,widgets|get,list,patch,update,watch",
            "test.fleetdeck.dev|gadgets/status,widgets/status|get,patch,update",
            "test.fleetdeck.dev|gadgets/finalizers,widgets/finalizers|update",
        ]);
    }

    [Fact]
    public void No_controllers_need_no_rules()
    {
        RbacRules.Permissions(Array.Empty<ControllerDefinition>()).ShouldBeEmpty();
    }
}
