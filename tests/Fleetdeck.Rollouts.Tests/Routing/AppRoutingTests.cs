using Fleetdeck.Core.Serialization;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Routing;
using Fleetdeck.Rollouts.Tests.Golden;

namespace Fleetdeck.Rollouts.Tests.Routing;

public sealed class AppRoutingTests
{
    private static readonly ClusterIngresses Ingresses = new()
    {
        Public = new IngressSpec { Gateway = "istio-system/public-gateway", DefaultDomains = ["example.com"] },
        Private = new IngressSpec { Gateway = "istio-system/private-gateway", DefaultDomains = ["example.internal"] },
    };

    private static readonly PortSpec[] Ports =
    [
        new() { Name = "http", Port = 80, ContainerPort = 8080, IngressPort = 443, Protocol = "TCP", Mode = "public", Default = true, Hosts = ["www.example.com"] },
        new() { Name = "admin", Port = 9000, ContainerPort = 9000, IngressPort = 9443, Protocol = "TCP", Mode = "private" },
    ];

    [Fact]
    public void Service_destination_rule_and_virtual_service_are_shaped_as_the_reference()
    {
        var routing = AppRouting.Render("web", "production", "production", "web-production", Ports,
            [new RoutedTag("v2", 10, true), new RoutedTag("v1", 90, true), new RoutedTag("v3", 0, false)], Ingresses, "Fleetdeck-Tag");

        GoldenFile.Match("routing-web-production.yaml", YamlWriter.WriteAll([ObjectJson.ToNode(routing.Service), ObjectJson.ToNode(routing.DestinationRule), ObjectJson.ToNode(routing.VirtualService)]));
    }

    [Fact]
    public void Routes_are_sorted_tagged_before_release_and_only_weights_above_zero_route()
    {
        var vs = AppRouting.Render("web", "production", "production", "web-production", Ports,
            [new RoutedTag("v2", 100, true), new RoutedTag("v1", 0, true)], Ingresses, "Fleetdeck-Tag").VirtualService;

        vs.Spec.Http.Select(r => r.Name).ShouldBe(["00_tagged-v1-admin", "00_tagged-v1-http", "00_tagged-v2-admin", "00_tagged-v2-http", "01_release-admin", "01_release-http"]);
        vs.Spec.Http.Single(r => r.Name == "01_release-http").Route.Select(d => (d.Destination.Subset, d.Weight)).ShouldBe([("v2", (int?)100)]);
        // The admin port has no hosts: it is reached through the mesh only.
        vs.Spec.Gateways.ShouldBe(["istio-system/public-gateway", "mesh"]);
    }

    [Fact]
    public void A_target_other_than_the_fleet_gets_its_own_default_host()
    {
        var vs = AppRouting.Render("web", "staging", "production", "web-staging", [Ports[0]], [new RoutedTag("v1", 100, true)], Ingresses, null).VirtualService;

        vs.Spec.Hosts.ShouldBe(["web-staging.example.com", "web.web-staging.svc.cluster.local", "www.example.com"]);
        vs.Spec.Http.Select(r => r.Name).ShouldBe(["01_release-http"]);
    }
}
