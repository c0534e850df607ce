using k8s.Models;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>A DaemonSet that pulls the Site's images onto every node (one init container per image), then sleeps.</summary>
internal static class PrePull
{
    public static V1DaemonSet? Build(SiteContext site, IEnumerable<string?> images)
    {
        if (site.Spec.DisablePrePullImages == true) return null;
        var distinct = images.Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var labels = Kube.Merge(site.Labels, new Dictionary<string, string> { [Component.ComponentLabelKey] = "prepull" });
        var selector = new Dictionary<string, string> { [Component.InstanceLabel] = site.Named("prepull"), [Component.NameLabel] = "site" };
        var daemonSet = Kube.New<V1DaemonSet>(site.Named("prepull"), site.Namespace, labels);
        daemonSet.Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = selector },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Kube.Merge(labels, selector) },
                Spec = new V1PodSpec
                {
                    ImagePullSecrets = Pods.PullSecrets(site.Spec.ImagePullSecrets),
                    InitContainers = [.. distinct.Select((image, i) => new V1Container
                    {
                        Name = $"prepull-{i}",
                        Image = image,
                        Command = ["echo", $"pulled {image}"],
                        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") } },
                    })],
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "sleep",
                            Image = Images.Busybox,
                            Command = ["sleep", "infinity"],
                            Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1m"), ["memory"] = new("8Mi") } },
                        },
                    ],
                },
            },
        };
        return daemonSet;
    }
}
