using k8s;
using k8s.Models;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Traffic;

namespace Fleetdeck.Rollouts.Clusters;

/// <summary>
/// The objects of one tag in one cluster: a ReplicaSet named after the tag, its config, a PodDisruptionBudget and,
/// with CPU or memory targets, an autoscaler. Replicas only ever change to or from 0 (retired), as in the anchor.
/// Pure: nothing here is shared with the Revision (the anchor scaled HPA targets in place through shared pointers).
/// </summary>
public static class WorkloadPlan
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Render(Revision revision, RevisionTarget target, string @namespace, int liveClusters, double scalingFactor, bool retired)
    {
        var app = revision.Spec.App.Name!;
        var tag = revision.Spec.App.Tag!;
        var labels = new Dictionary<string, string>
        {
            [RolloutsGroup.AppLabel] = app,
            [RolloutsGroup.TargetLabel] = target.Name!,
            [RolloutsGroup.TagLabel] = tag,
        };
        var scale = target.Scale ?? new ScaleSpec();
        var replicas = retired ? 0 : Replicas(scale, liveClusters, scalingFactor);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        V1ConfigMap? config = null;
        if (revision.Spec.Config is { Count: > 0 } data)
        {
            config = new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = Meta($"{tag}-config", @namespace, labels),
                Data = new SortedDictionary<string, string>(data, StringComparer.Ordinal).ToDictionary(),
            };
            objects.Add(config);
        }
        var container = new V1Container
        {
            Name = app,
            Image = revision.Spec.App.Image,
            Command = revision.Spec.Container?.Command,
            Args = revision.Spec.Container?.Args,
            Resources = revision.Spec.Container?.Resources,
            ReadinessProbe = revision.Spec.Container?.ReadinessProbe,
            Ports = revision.Spec.Ports is { Count: > 0 } ports
                ? [.. ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.ContainerPort ?? 80, Protocol = p.Protocol ?? "TCP" })]
                : null,
            EnvFrom = config is null ? null : [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = config.Metadata.Name } }],
        };
        objects.Add(new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = Meta(tag, @namespace, labels),
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = new V1PodSpec { Containers = [container] },
                },
            },
        });
        objects.Add(new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = Meta(tag, @namespace, labels),
            Spec = new V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = "10%",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
            },
        });
        if (scale.HasAutoscaler && !retired)
        {
            var metrics = new List<V2MetricSpec>();
            if (scale.TargetCPUUtilizationPercentage is { } cpu) metrics.Add(Resource("cpu", cpu));
            if (scale.TargetMemoryUtilizationPercentage is { } memory) metrics.Add(Resource("memory", memory));
            var min = scale.Min ?? scale.Default ?? 1;
            objects.Add(new V2HorizontalPodAutoscaler
            {
                ApiVersion = "autoscaling/v2",
                Kind = "HorizontalPodAutoscaler",
                Metadata = Meta(tag, @namespace, labels),
                Spec = new V2HorizontalPodAutoscalerSpec
                {
                    ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = tag },
                    MinReplicas = RampGate.DivideReplicas(min, 100, liveClusters, scalingFactor),
                    MaxReplicas = RampGate.DivideReplicas(Math.Max(min, scale.Max ?? min), 100, liveClusters, scalingFactor),
                    Metrics = metrics,
                },
            });
        }
        return objects;
    }

    /// <summary>Replicas of the ReplicaSet in one cluster: the default (or min) divided over the live clusters, at least one.</summary>
    public static int Replicas(ScaleSpec scale, int liveClusters, double scalingFactor) =>
        RampGate.DivideReplicas(scale.Default ?? scale.Min ?? 1, 100, Math.Max(1, liveClusters), scalingFactor);

    private static V2MetricSpec Resource(string name, int utilization) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = name, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = utilization } },
    };

    private static V1ObjectMeta Meta(string name, string @namespace, Dictionary<string, string> labels) =>
        new() { Name = name, NamespaceProperty = @namespace, Labels = new Dictionary<string, string>(labels) };
}
