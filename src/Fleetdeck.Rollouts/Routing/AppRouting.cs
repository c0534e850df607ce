using k8s.Models;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Routing;

/// <summary>What one cluster routes for an app on a target: its Service, DestinationRule and VirtualService.</summary>
public sealed record AppRouting(V1Service Service, DestinationRule DestinationRule, VirtualService VirtualService)
{
    public const string Mesh = "mesh";

    /// <summary>
    /// Shapes the routing objects as the anchor does: a Service selecting the app; a subset per deployed tag; routes
    /// sorted by name, <c>00_tagged-&lt;tag&gt;-&lt;port&gt;</c> (a header picks one tag) and one weighted
    /// <c>01_release-&lt;port&gt;</c> per port; mesh and gateway matches; default hosts on the default port.
    /// </summary>
    public static AppRouting Render(string app, string target, string fleet, string @namespace, IReadOnlyList<PortSpec> ports,
        IReadOnlyList<RoutedTag> tags, ClusterIngresses ingresses, string? tagRoutingHeader)
    {
        var host = $"{app}.{@namespace}.svc.cluster.local";
        var labels = new Dictionary<string, string> { [RolloutsGroup.AppLabel] = app, [RolloutsGroup.TargetLabel] = target };
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = app, NamespaceProperty = @namespace, Labels = new Dictionary<string, string>(labels) { ["prometheus.io/scrape"] = "true" } },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { [RolloutsGroup.AppLabel] = app },
                Ports = [.. ports.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port ?? 80, TargetPort = p.ContainerPort ?? 80, Protocol = p.Protocol ?? "TCP" })],
            },
        };

        var ordered = tags.OrderBy(t => t.Tag, StringComparer.Ordinal).ToList();
        var rule = new DestinationRule
        {
            Metadata = new V1ObjectMeta { Name = app, NamespaceProperty = @namespace, Labels = new Dictionary<string, string>(labels) },
            Spec = new DestinationRuleSpec
            {
                Host = host,
                Subsets = [.. ordered.Select(t => new Subset { Name = t.Tag, Labels = new Dictionary<string, string> { [RolloutsGroup.TagLabel] = t.Tag } })],
            },
        };

        var hosts = new SortedSet<string>(StringComparer.Ordinal) { host };
        var gateways = new SortedSet<string>(StringComparer.Ordinal) { Mesh };
        var routes = new List<HttpRoute>();
        foreach (var port in ports)
        {
            var portHosts = new SortedSet<string>(StringComparer.Ordinal);
            var ingress = port.Mode switch { "public" => ingresses.Public, "local" => null, _ => ingresses.Private };
            if (port.Default && ingress is not null)
            {
                foreach (var domain in ingress.DefaultDomains ?? [])
                {
                    portHosts.Add($"{@namespace}.{domain}");
                    portHosts.Add(target == fleet ? $"{app}.{domain}" : $"{TrimSuffix(@namespace, "-" + fleet)}.{domain}");
                }
            }
            foreach (var h in port.Hosts ?? []) portHosts.Add(h);
            hosts.UnionWith(portHosts);

            var matches = new List<HttpMatchRequest> { new() { Gateways = [Mesh], Port = port.Port ?? 80 } };
            if (ingress?.Gateway is { } gateway && portHosts.Count > 0)
            {
                gateways.Add(gateway);
                var authority = new StringMatch { Regex = $"^({string.Join("|", portHosts.Select(System.Text.RegularExpressions.Regex.Escape))})(:[0-9]+)?$" };
                var ingressPort = port.IngressPort ?? 443;
                matches.Add(new HttpMatchRequest { Gateways = [gateway], Port = ingressPort, Authority = authority });
                if (ingressPort == 443) matches.Add(new HttpMatchRequest { Gateways = [gateway], Port = 80, Authority = authority });
            }

            if (!string.IsNullOrEmpty(tagRoutingHeader))
            {
                foreach (var tag in ordered.Where(t => t.Routable))
                {
                    routes.Add(new HttpRoute
                    {
                        Name = $"00_tagged-{tag.Tag}-{port.Name}",
                        Match = [.. matches.Select(m => m with { Headers = new Dictionary<string, StringMatch> { [tagRoutingHeader] = new() { Exact = tag.Tag } } })],
                        Route = [new HttpRouteDestination { Destination = new Destination { Host = host, Subset = tag.Tag, Port = new PortSelector { Number = port.Port ?? 80 } }, Weight = 100 }],
                    });
                }
            }
            routes.Add(new HttpRoute
            {
                Name = $"01_release-{port.Name}",
                Match = matches,
                Route = [.. ordered.Where(t => t.Weight > 0).Select(t => new HttpRouteDestination
                {
                    Destination = new Destination { Host = host, Subset = t.Tag, Port = new PortSelector { Number = port.Port ?? 80 } },
                    Weight = t.Weight,
                })],
            });
        }

        var virtualService = new VirtualService
        {
            Metadata = new V1ObjectMeta { Name = app, NamespaceProperty = @namespace, Labels = new Dictionary<string, string>(labels) },
            Spec = new VirtualServiceSpec
            {
                Hosts = [.. hosts],
                Gateways = [.. gateways],
                Http = [.. routes.OrderBy(r => r.Name, StringComparer.Ordinal)],
            },
        };
        return new AppRouting(service, rule, virtualService);
    }

    private static string TrimSuffix(string text, string suffix) => text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;
}
