using k8s.Models;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>Pieces every product pod shares.</summary>
internal static class Pods
{
    public static readonly string[] SleepCommand = ["sleep", "infinity"];

    /// <summary><c>addEnv</c> as env vars, in name order.</summary>
    public static IEnumerable<V1EnvVar> Env(IDictionary<string, string>? addEnv) =>
        (addEnv ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new V1EnvVar { Name = p.Key, Value = p.Value });

    public static List<V1LocalObjectReference>? PullSecrets(IEnumerable<string>? names)
    {
        var list = (names ?? []).Where(n => n.Length > 0).Select(n => new V1LocalObjectReference { Name = n }).ToList();
        return list.Count > 0 ? list : null;
    }

    public static Dictionary<string, string>? NodeSelector(IDictionary<string, string>? selector) => Kube.SortedOrNull(selector);

    /// <summary>Spreads replicas over nodes when it can (upstream's soft anti-affinity).</summary>
    public static V1Affinity AntiAffinity(Component component) => new()
    {
        PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = 1,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = "kubernetes.io/hostname",
                        Namespaces = [component.Namespace],
                        LabelSelector = new V1LabelSelector
                        {
                            MatchExpressions =
                            [
                                new V1LabelSelectorRequirement { Key = Component.InstanceLabel, OperatorProperty = "In", Values = [component.Name] },
                                new V1LabelSelectorRequirement { Key = Component.SiteLabel, OperatorProperty = "In", Values = [component.Site] },
                            ],
                        },
                    },
                },
            ],
        },
    };

    public const string TokenVolume = "kube-api-access-volume";

    /// <summary>A projected service-account token (the pod does not automount one).</summary>
    public static V1Volume ProjectedToken() => new()
    {
        Name = TokenVolume,
        Projected = new V1ProjectedVolumeSource
        {
            DefaultMode = Convert.ToInt32("644", 8),
            Sources =
            [
                new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { ExpirationSeconds = 3600, Path = "token" } },
                new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new V1KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                new V1VolumeProjection
                {
                    DownwardAPI = new V1DownwardAPIProjection
                    {
                        Items = [new V1DownwardAPIVolumeFile { Path = "namespace", FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.namespace" } }],
                    },
                },
            ],
        },
    };

    public static V1VolumeMount ProjectedTokenMount() =>
        new() { Name = TokenVolume, MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnlyProperty = true };

    public static V1Probe HttpProbe(string path, int port, int initialDelay = 3, int period = 5) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        InitialDelaySeconds = initialDelay,
        PeriodSeconds = period,
        TimeoutSeconds = 2,
        FailureThreshold = 3,
    };

    public static V1Volume ConfigMapVolume(string name, string configMap, int? mode = null) =>
        new() { Name = name, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap, DefaultMode = mode } };

    public static V1Volume SecretVolume(string name, string secret, IEnumerable<(string Key, string Path)>? items = null, int? mode = null) => new()
    {
        Name = name,
        Secret = new V1SecretVolumeSource
        {
            SecretName = secret,
            Items = items is null ? null : [.. items.Select(i => new V1KeyToPath { Key = i.Key, Path = i.Path })],
            DefaultMode = mode,
        },
    };

    public static V1Volume Pvc(string name, string claim, bool readOnly = false) =>
        new() { Name = name, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim, ReadOnlyProperty = readOnly ? true : null } };

    public static V1VolumeMount Mount(string volume, string path, string? subPath = null, bool readOnly = false) =>
        new() { Name = volume, MountPath = path, SubPath = subPath, ReadOnlyProperty = readOnly ? true : null };

    public static int Octal(string mode) => Convert.ToInt32(mode, 8);
}
