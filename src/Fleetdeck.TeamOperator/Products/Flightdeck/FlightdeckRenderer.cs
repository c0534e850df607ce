using k8s;
using k8s.Models;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Products.Flightdeck;

/// <summary>Everything a <c>Flightdeck</c> object becomes: the landing page's account (reading Sites), Deployment, Service and Ingress.</summary>
public sealed class FlightdeckRenderer
{
    /// <summary>What the landing page's Role grants: reading Sites.</summary>
    public static IReadOnlyList<V1PolicyRule> SiteReaderRules { get; } =
        [new V1PolicyRule { ApiGroups = [TeamKinds.Group], Resources = ["sites"], Verbs = ["get", "list", "watch"] }];

    public RenderedProduct Render(Api.Flightdeck flightdeck)
    {
        var spec = flightdeck.Spec;
        var ns = flightdeck.Metadata.NamespaceProperty ?? "default";
        var site = string.IsNullOrEmpty(spec.SiteName) ? flightdeck.Metadata.Name : spec.SiteName;
        var c = new Component(flightdeck.Metadata.Name, ns, "flightdeck", "flightdeck", "flightdeck") { };
        var labels = Kube.Merge(c.Labels, new Dictionary<string, string> { [Component.SiteLabel] = site });
        var port = spec.Port ?? 8080;
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();

        var account = Accounts.ServiceAccount(c.Name, c, new AwsIdentity(spec.AwsAccountId, spec.ClusterDate, spec.WorkloadCompoundName, site).RoleAnnotation("fd"));
        account.Metadata.Labels = labels;
        objects.Add(account);
        var role = Kube.New<V1Role>(c.Named("role"), ns, labels);
        role.Rules = [.. SiteReaderRules];
        objects.Add(role);
        var binding = Kube.New<V1RoleBinding>(c.Named("rolebinding"), ns, labels);
        binding.RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = c.Named("role") };
        binding.Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = c.Name, NamespaceProperty = ns }];
        objects.Add(binding);

        var deployment = Kube.New<V1Deployment>(c.Name, ns, labels);
        deployment.Spec = new V1DeploymentSpec
        {
            Replicas = spec.Replicas ?? 1,
            Selector = new V1LabelSelector { MatchLabels = c.Selector },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = labels },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = c.Name,
                    ImagePullSecrets = Pods.PullSecrets(spec.ImagePullSecrets),
                    SecurityContext = new V1PodSecurityContext { RunAsUser = 999, RunAsGroup = 999, RunAsNonRoot = true, FsGroup = 999 },
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "flightdeck",
                            Image = string.IsNullOrEmpty(spec.Image) ? $"{Images.Flightdeck}:latest" : spec.Image,
                            ImagePullPolicy = string.IsNullOrEmpty(spec.ImagePullPolicy) ? null : spec.ImagePullPolicy,
                            Env =
                            [
                                new V1EnvVar { Name = "SITE_NAME", Value = site },
                                new V1EnvVar { Name = "SHOW_CONFIG", Value = (spec.FeatureEnabler?.ShowConfig == true).ToString().ToLowerInvariant() },
                                new V1EnvVar { Name = "SHOW_ACADEMY", Value = (spec.FeatureEnabler?.ShowAcademy == true).ToString().ToLowerInvariant() },
                                new V1EnvVar { Name = "LOG_LEVEL", Value = spec.LogLevel ?? "info" },
                                new V1EnvVar { Name = "LOG_FORMAT", Value = spec.LogFormat ?? "text" },
                                new V1EnvVar { Name = "PORT", Value = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                            ],
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = port }],
                            ReadinessProbe = Pods.HttpProbe("/", port),
                            LivenessProbe = Pods.HttpProbe("/", port, initialDelay: 10, period: 20),
                            SecurityContext = new V1SecurityContext
                            {
                                AllowPrivilegeEscalation = false,
                                RunAsNonRoot = true,
                                RunAsUser = 999,
                                ReadOnlyRootFilesystem = true,
                                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                            },
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("200m"), ["memory"] = new("256Mi") },
                            },
                        },
                    ],
                },
            },
        };
        objects.Add(deployment);
        var service = WebObjects.Service(c, port, sticky: false);
        service.Metadata.Labels = labels;
        objects.Add(service);
        if (!string.IsNullOrEmpty(spec.Domain))
        {
            var ingress = WebObjects.Ingress(c, spec.Domain, spec.IngressClass, spec.IngressAnnotations);
            ingress.Metadata.Annotations?.Remove(WebObjects.MiddlewaresAnnotation);
            if (ingress.Metadata.Annotations is { Count: 0 }) ingress.Metadata.Annotations = null;
            ingress.Metadata.Labels = labels;
            objects.Add(ingress);
        }
        return new RenderedProduct(objects) { Workloads = [("Deployment", c.Name)] };
    }
}
