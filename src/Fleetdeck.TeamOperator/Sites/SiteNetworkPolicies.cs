using k8s.Models;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>
/// NetworkPolicies for a Site whose <c>networkTrust</c> is 50 or less, one per component. Every component takes traffic
/// from the ingress (<c>traefik</c>) and monitoring (<c>alloy</c>) namespaces; at trust 1–50 also from any pod of the
/// same Site, at 0 only from the peers it works with. Products reach DNS, the private network on 443/5432 (the
/// databases) and the internet; sessions DNS and the internet; with EFS, Workbench and its sessions reach NFS in the VPC.
/// </summary>
internal static class SiteNetworkPolicies
{
    private sealed record Part(string Suffix, Dictionary<string, string> Selector, bool Session, string[] Peers);

    public static IEnumerable<V1NetworkPolicy> Build(SiteContext site)
    {
        if ((site.Spec.NetworkTrust ?? 100) > 50) yield break;
        var trust = site.Spec.NetworkTrust ?? 100;
        var parts = Parts(site).ToDictionary(p => p.Suffix);
        foreach (var part in parts.Values)
        {
            var policy = Kube.New<V1NetworkPolicy>(site.Named(part.Suffix), site.Namespace, site.Labels);
            var peers = trust > 0
                ? [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [Component.SiteLabel] = site.Name } } }]
                : part.Peers.Where(parts.ContainsKey).Select(p => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = parts[p].Selector } }).ToList();
            var ingress = new List<V1NetworkPolicyIngressRule>
            {
                new()
                {
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = new V1LabelSelector
                            {
                                MatchExpressions = [new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "In", Values = ["alloy", "traefik"] }],
                            },
                        },
                    ],
                },
            };
            if (peers.Count > 0) ingress.Add(new V1NetworkPolicyIngressRule { FromProperty = peers });

            var egress = new List<V1NetworkPolicyEgressRule>
            {
                new()
                {
                    To = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" } } }],
                    Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
                },
            };
            if (!part.Session)
            {
                egress.Add(new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = site.PrivateNetwork } }],
                    Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = 443 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 5432 }],
                });
            }
            egress.Add(new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [site.PrivateNetwork] } }] });
            if (peers.Count > 0) egress.Add(new V1NetworkPolicyEgressRule { To = peers });
            if (site.Spec.EfsEnabled == true && !string.IsNullOrEmpty(site.Spec.VpcCidr) && part.Suffix.StartsWith("workbench", StringComparison.Ordinal))
            {
                egress.Add(new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = site.Spec.VpcCidr } }],
                    Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = 2049 }],
                });
            }

            policy.Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = part.Selector },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = ingress,
                Egress = egress,
            };
            yield return policy;
        }
    }

    private static IEnumerable<Part> Parts(SiteContext site)
    {
        Dictionary<string, string> Instance(string suffix) => new() { [Component.InstanceLabel] = site.Named(suffix) };
        Dictionary<string, string> Session(string component) => new() { [Component.SiteLabel] = site.Name, [Component.ComponentLabelKey] = $"{component}-session" };
        if (site.ChronicleEnabled) yield return new Part("chronicle", Instance("chronicle"), false, ["connect", "workbench", "packagemanager"]);
        if (site.ConnectEnabled)
        {
            yield return new Part("connect", Instance("connect"), false, ["connect-session", "chronicle", "packagemanager"]);
            yield return new Part("connect-session", Session("connect"), true, ["connect", "packagemanager"]);
        }
        if (site.FlightdeckEnabled) yield return new Part("home", Instance("flightdeck"), false, []);
        if (site.KeycloakEnabled) yield return new Part("keycloak", Instance("keycloak"), false, []);
        if (site.PackageManagerEnabled) yield return new Part("packagemanager", Instance("packagemanager"), false, ["connect", "connect-session", "workbench", "workbench-session", "chronicle"]);
        if (site.WorkbenchEnabled)
        {
            yield return new Part("workbench", Instance("workbench"), false, ["workbench-session", "chronicle", "packagemanager"]);
            yield return new Part("workbench-session", Session("workbench"), true, ["workbench", "packagemanager"]);
        }
    }
}
