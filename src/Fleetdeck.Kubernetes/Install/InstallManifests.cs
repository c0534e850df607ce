using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Kubernetes.Crds;
using Fleetdeck.Kubernetes.Operator;

namespace Fleetdeck.Kubernetes.Install;

/// <summary>
/// Everything that installs the operator on a cluster, in apply order: its Namespace (restricted pod security), the CRDs,
/// a ServiceAccount, least-privilege RBAC derived from the controllers (<see cref="RbacRules"/>; cluster-wide, or per
/// watched namespace), the Lease permissions, the operator Deployment (non-root, read-only root filesystem, no
/// capabilities, probes on <c>/healthz</c> and <c>/readyz</c>, resources) and a Service for its metrics.
/// </summary>
public static class InstallManifests
{
    public const string Name = "fleetdeck-operator";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        ["app.kubernetes.io/component"] = "operator",
        ["app.kubernetes.io/name"] = "fleetdeck",
        ["app.kubernetes.io/part-of"] = "fleetdeck",
    };

    private static Dictionary<string, string> Selector => new()
    {
        ["app.kubernetes.io/component"] = "operator",
        ["app.kubernetes.io/name"] = "fleetdeck",
    };

    /// <summary>The install, grouped as the kustomize base lays it out: namespace, CRDs, RBAC, operator.</summary>
    public static InstallParts Build(ControllerCatalog catalog, InstallOptions options)
    {
        var ns = options.Namespace;
        var namespaceObject = new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = ns,
                Labels = new Dictionary<string, string>(Labels)
                {
                    // The operator runs under the restricted profile; enforcing it keeps the namespace that way.
                    ["pod-security.kubernetes.io/enforce"] = "restricted",
                },
            },
        };
        var crds = new CrdGenerator().Generate(catalog.Kinds).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();
        return new InstallParts([namespaceObject], crds, Rbac(catalog, options), [Deployment(options), MetricsService(options)]);
    }

    private static List<IKubernetesObject<V1ObjectMeta>> Rbac(ControllerCatalog catalog, InstallOptions options)
    {
        var ns = options.Namespace;
        var objects = new List<IKubernetesObject<V1ObjectMeta>>
        {
            new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(Name, ns) },
        };
        var permissions = RbacRules.Permissions(catalog.Controllers);
        var subject = new Rbacv1Subject { Kind = "ServiceAccount", Name = Name, NamespaceProperty = ns };
        if (permissions.Count == 0)
        {
            // No controllers, nothing to grant beyond the Lease.
        }
        else if (options.WatchNamespaces.Count == 0)
        {
            objects.Add(new V1ClusterRole { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole", Metadata = Meta(Name, null), Rules = RbacRules.Rules(permissions) });
            objects.Add(ClusterBinding(Name, subject));
        }
        else
        {
            // Namespaced kinds are granted in each watched namespace only; cluster-scoped ones need a ClusterRole anyway.
            var clusterScoped = catalog.WatchedKinds.Where(k => !k.Namespaced).Select(k => k.Group + "/" + k.Plural).ToHashSet(StringComparer.Ordinal);
            bool IsCluster(KeyValuePair<(string Group, string Resource), IReadOnlySet<string>> p) => clusterScoped.Contains(p.Key.Group + "/" + p.Key.Resource.Split('/')[0]);
            var namespaced = permissions.Where(p => !IsCluster(p)).ToDictionary(p => p.Key, p => p.Value);
            var cluster = permissions.Where(IsCluster).ToDictionary(p => p.Key, p => p.Value);
            if (cluster.Count > 0)
            {
                objects.Add(new V1ClusterRole { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole", Metadata = Meta(Name, null), Rules = RbacRules.Rules(cluster) });
                objects.Add(ClusterBinding(Name, subject));
            }
            foreach (var watched in options.WatchNamespaces.Distinct().Order(StringComparer.Ordinal))
            {
                objects.Add(new V1Role { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "Role", Metadata = Meta(Name, watched), Rules = RbacRules.Rules(namespaced) });
                objects.Add(Binding(Name, watched, "Role", Name, subject));
            }
        }
        var election = $"{Name}-leader-election";
        objects.Add(new V1Role { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "Role", Metadata = Meta(election, ns), Rules = RbacRules.LeaderElection(OperatorOptions.DefaultLeaseName) });
        objects.Add(Binding(election, ns, "Role", election, subject));
        return objects;
    }

    /// <summary>The user the image runs as: <c>app</c> (1654) of .NET's images; the Dockerfile's <c>USER</c> is the same.</summary>
    public const long ImageUser = 1654;

    private static V1Deployment Deployment(InstallOptions options)
    {
        var args = new List<string> { "operator", $"--metrics-port={options.MetricsPort}" };
        if (options.Replicas > 1) args.Add("--leader-elect");
        if (options.WatchNamespaces.Count > 0) args.Add($"--watch-namespaces={string.Join(",", options.WatchNamespaces.Distinct().Order(StringComparer.Ordinal))}");
        V1Probe Probe(string path, int period) => new()
        {
            HttpGet = new V1HTTPGetAction { Path = path, Port = "metrics" },
            PeriodSeconds = period,
            TimeoutSeconds = 5,
            FailureThreshold = 3,
        };
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Meta(Name, options.Namespace),
            Spec = new V1DeploymentSpec
            {
                Replicas = options.Replicas,
                Selector = new V1LabelSelector { MatchLabels = Selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(Labels) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = Name,
                        TerminationGracePeriodSeconds = 30,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            // The non-root user of .NET's runtime images (APP_UID), which the Dockerfile's USER names too.
                            RunAsUser = ImageUser,
                            RunAsGroup = ImageUser,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "operator",
                                Image = options.Image,
                                Args = args,
                                Env =
                                [
                                    new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                                    new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                                    // No diagnostics pipe in /tmp: the root filesystem is read-only and /tmp is small.
                                    new V1EnvVar { Name = "DOTNET_EnableDiagnostics", Value = "0" },
                                ],
                                Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = options.MetricsPort, Protocol = "TCP" }],
                                LivenessProbe = Probe("/healthz", 20),
                                ReadinessProbe = Probe("/readyz", 10),
                                StartupProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "metrics" }, PeriodSeconds = 2, FailureThreshold = 30 },
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
                                },
                                SecurityContext = new V1SecurityContext
                                {
                                    AllowPrivilegeEscalation = false,
                                    ReadOnlyRootFilesystem = true,
                                    RunAsNonRoot = true,
                                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                                },
                                VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
                            },
                        ],
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }],
                    },
                },
            },
        };
    }

    private static V1Service MetricsService(InstallOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = $"{Name}-metrics",
            NamespaceProperty = options.Namespace,
            Labels = new Dictionary<string, string>(Labels),
            Annotations = new Dictionary<string, string>
            {
                ["prometheus.io/scrape"] = "true",
                ["prometheus.io/port"] = options.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["prometheus.io/path"] = "/metrics",
            },
        },
        Spec = new V1ServiceSpec
        {
            Selector = Selector,
            Ports = [new V1ServicePort { Name = "metrics", Port = options.MetricsPort, TargetPort = "metrics", Protocol = "TCP" }],
        },
    };

    private static V1ObjectMeta Meta(string name, string? @namespace) => new()
    {
        Name = name,
        NamespaceProperty = @namespace,
        Labels = new Dictionary<string, string>(Labels),
    };

    private static V1ClusterRoleBinding ClusterBinding(string name, Rbacv1Subject subject) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = Meta(name, null),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
        Subjects = [subject],
    };

    private static V1RoleBinding Binding(string name, string @namespace, string roleKind, string role, Rbacv1Subject subject) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = Meta(name, @namespace),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = roleKind, Name = role },
        Subjects = [subject],
    };

    /// <summary>Objects as multi-document YAML, in the order given.</summary>
    public static string ToYaml(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        YamlWriter.WriteAll(objects.Select(o => (JsonNode?)ObjectJson.ToNode(o)));
}

/// <summary>The install in its parts, in apply order.</summary>
public sealed record InstallParts(
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Namespace,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Crds,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Rbac,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Operator)
{
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> All => [.. Namespace, .. Crds, .. Rbac, .. Operator];
}
