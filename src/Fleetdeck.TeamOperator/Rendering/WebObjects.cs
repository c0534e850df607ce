using k8s.Models;
using Fleetdeck.TeamOperator.Api.ThirdParty;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>The Service, Ingress, Traefik middlewares and disruption budget of a product served over HTTPS.</summary>
internal static class WebObjects
{
    public const string MiddlewaresAnnotation = "traefik.ingress.kubernetes.io/router.middlewares";

    public static V1Service Service(Component component, int targetPort, bool sticky, params (string Name, int Port, int Target)[] extraPorts)
    {
        var annotations = sticky
            ? new Dictionary<string, string>
            {
                ["traefik.ingress.kubernetes.io/service.sticky.cookie"] = "true",
                ["traefik.ingress.kubernetes.io/service.sticky.cookie.name"] = $"{component.Name}-sticky",
            }
            : null;
        var service = Kube.New<V1Service>(component.Name, component.Namespace, component.Labels, annotations);
        var ports = new List<V1ServicePort> { new() { Name = "http", Port = 80, TargetPort = targetPort, Protocol = "TCP" } };
        ports.AddRange(extraPorts.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.Target, Protocol = "TCP" }));
        service.Spec = new V1ServiceSpec { Type = "ClusterIP", Selector = component.Selector, Ports = ports };
        return service;
    }

    public static TraefikMiddleware Forward(Component component)
    {
        var middleware = Kube.New<TraefikMiddleware>(component.Named("forward"), component.Namespace, component.Labels);
        middleware.Spec.Headers = new TraefikHeaders
        {
            CustomRequestHeaders = new Dictionary<string, string> { ["X-Forwarded-Port"] = "443", ["X-Forwarded-Proto"] = "https" },
        };
        return middleware;
    }

    /// <summary>An Ingress for <paramref name="host"/> through the given Traefik middlewares (named <c>&lt;ns&gt;-&lt;name&gt;@kubernetescrd</c>).</summary>
    public static V1Ingress Ingress(Component component, string host, string? ingressClass, IDictionary<string, string>? annotations, params string[] middlewares)
    {
        var all = Kube.Merge(annotations, new Dictionary<string, string>
        {
            [MiddlewaresAnnotation] = string.Join(",", middlewares.Select(m => $"{component.Namespace}-{m}@kubernetescrd")),
        });
        var ingress = Kube.New<V1Ingress>(component.Name, component.Namespace, component.Labels, all);
        ingress.Spec = new V1IngressSpec
        {
            IngressClassName = string.IsNullOrEmpty(ingressClass) ? null : ingressClass,
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = component.Name, Port = new V1ServiceBackendPort { Number = 80 } } },
                            },
                        ],
                    },
                },
            ],
        };
        return ingress;
    }

    /// <summary>Upstream's budget: at least one pod kept when there are several, none otherwise. In the product's own namespace.</summary>
    public static V1PodDisruptionBudget DisruptionBudget(Component component, int replicas)
    {
        var pdb = Kube.New<V1PodDisruptionBudget>(component.Name, component.Namespace, component.Labels);
        pdb.Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = replicas > 1 ? 1 : 0,
            Selector = new V1LabelSelector { MatchLabels = component.Selector },
        };
        return pdb;
    }
}
