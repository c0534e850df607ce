using k8s.Models;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>AWS identity for one workload: IRSA role names as upstream builds them.</summary>
internal sealed record AwsIdentity(string? AccountId, string? ClusterDate, string? Workload, string Site)
{
    /// <summary><c>arn:aws:iam::&lt;account&gt;:role/&lt;short&gt;.&lt;date&gt;.&lt;site&gt;.&lt;workload&gt;.posit.team</c>, when an account is set.</summary>
    public Dictionary<string, string>? RoleAnnotation(string shortName)
    {
        if (string.IsNullOrEmpty(AccountId)) return null;
        return new Dictionary<string, string>
        {
            ["eks.amazonaws.com/role-arn"] = $"arn:aws:iam::{AccountId}:role/{shortName}.{ClusterDate}.{Site}.{Workload}.posit.team",
        };
    }
}

/// <summary>Service accounts and the Launcher's RBAC.</summary>
internal static class Accounts
{
    public static V1ServiceAccount ServiceAccount(string name, Component component, IDictionary<string, string>? annotations = null)
    {
        var account = Kube.New<V1ServiceAccount>(name, component.Namespace, component.Labels, annotations);
        account.AutomountServiceAccountToken = false;
        return account;
    }

    /// <summary>What the Launcher's Role grants: jobs, pods (and their logs), services, events.</summary>
    public static IReadOnlyList<V1PolicyRule> LauncherRules { get; } =
    [
        new V1PolicyRule { ApiGroups = [""], Resources = ["serviceaccounts"], Verbs = ["list"] },
        new V1PolicyRule { ApiGroups = [""], Resources = ["pods/log"], Verbs = ["get", "watch", "list"] },
        new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "pods/attach", "pods/exec"], Verbs = ["get", "create", "update", "patch", "watch", "list", "delete"] },
        new V1PolicyRule { ApiGroups = [""], Resources = ["events"], Verbs = ["watch"] },
        new V1PolicyRule { ApiGroups = [""], Resources = ["services"], Verbs = ["create", "get", "watch", "list", "delete"] },
        new V1PolicyRule { ApiGroups = ["batch"], Resources = ["jobs"], Verbs = ["create", "update", "patch", "get", "watch", "list", "delete"] },
        new V1PolicyRule { ApiGroups = ["metrics.k8s.io"], Resources = ["pods"], Verbs = ["get"] },
    ];

    /// <summary>What the Launcher needs to run session Jobs: jobs, pods (and their logs), services, events.</summary>
    public static (V1Role Role, V1RoleBinding Binding) Launcher(Component component, string serviceAccount, string @namespace)
    {
        var role = Kube.New<V1Role>(component.Name, @namespace, component.Labels);
        role.Rules = [.. LauncherRules];
        var binding = Kube.New<V1RoleBinding>(component.Name, @namespace, component.Labels);
        binding.RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = component.Name };
        binding.Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = serviceAccount, NamespaceProperty = component.Namespace }];
        return (role, binding);
    }
}
