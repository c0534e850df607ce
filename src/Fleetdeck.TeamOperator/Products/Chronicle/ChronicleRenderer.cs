using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Products.Chronicle;

/// <summary>Everything a <c>Chronicle</c> object becomes: its config, two service accounts, a StatefulSet and a Service.</summary>
public sealed class ChronicleRenderer
{
    public const string ConfigMapSha = "chronicle.posit.team/configmap-sha";
    public const string ConfigPath = "/etc/posit-chronicle/posit-chronicle.gcfg";

    public RenderedProduct Render(Api.Chronicle chronicle)
    {
        var spec = chronicle.Spec;
        var ns = chronicle.Metadata.NamespaceProperty ?? "default";
        var c = new Component(chronicle.Metadata.Name, ns, "chronicle", "chronicle", "chronicle");
        var aws = new AwsIdentity(spec.AwsAccountId, spec.ClusterDate, spec.WorkloadCompoundName, c.Site);
        var files = new Dictionary<string, string> { ["posit-chronicle.gcfg"] = GcfgWriter.Write(ObjectJson.ToNode(spec.Config ?? new ChronicleConfig())) };
        var configMap = Kube.New<V1ConfigMap>(c.Name, ns, c.Labels);
        configMap.Data = files;

        var statefulSet = Kube.New<V1StatefulSet>(c.Name, ns, c.Labels);
        statefulSet.Spec = new V1StatefulSetSpec
        {
            Replicas = 1,
            ServiceName = c.Name,
            Selector = new V1LabelSelector { MatchLabels = c.Selector },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = c.Labels, Annotations = new Dictionary<string, string> { [ConfigMapSha] = ConfigHash.Of(files) } },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = c.Name,
                    NodeSelector = Pods.NodeSelector(spec.NodeSelector),
                    ImagePullSecrets = Pods.PullSecrets(spec.ImagePullSecrets),
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "chronicle",
                            Image = string.IsNullOrEmpty(spec.Image) ? Images.Chronicle : spec.Image,
                            Command = ["/chronicle", "start", "-c", ConfigPath],
                            Env = Pods.Env(spec.AddEnv).ToList() is { Count: > 0 } env ? env : null,
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 5252 }, new V1ContainerPort { Name = "profiling", ContainerPort = 3030 }],
                            VolumeMounts =
                            [
                                Pods.Mount("config-volume", ConfigPath, "posit-chronicle.gcfg", true),
                                Pods.Mount("data-volume", "/var/lib/posit-chronicle/data"),
                            ],
                        },
                    ],
                    Volumes =
                    [
                        Pods.ConfigMapVolume("config-volume", c.Name),
                        new V1Volume { Name = "data-volume", EmptyDir = new V1EmptyDirVolumeSource() },
                    ],
                },
            },
        };

        var service = WebObjects.Service(c, 5252, sticky: false);
        return new RenderedProduct([
            configMap,
            Accounts.ServiceAccount(c.Name, c, aws.RoleAnnotation("chr")),
            Accounts.ServiceAccount(c.Named("read-only"), c, aws.RoleAnnotation("chr-ro")),
            statefulSet,
            service,
        ])
        {
            Workloads = [("StatefulSet", c.Name)],
        };
    }
}
