using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Rollouts.Api;

/// <summary>
/// A cluster apps are released to (short name <c>cl</c>), in a fleet named by the label <c>rollouts.fleetdeck.dev/fleet</c>.
/// Reached through a kubeconfig Secret, or, in the embedded mode, simulated in-process.
/// </summary>
[KubernetesEntity(Group = RolloutsGroup.Name, ApiVersion = RolloutsGroup.Version, Kind = "Cluster", PluralName = "clusters")]
public sealed class Cluster : CustomResource<ClusterSpec, ClusterStatus>
{
    public string? Fleet => Metadata.Labels?.TryGetValue(RolloutsGroup.FleetLabel, out var f) == true ? f : null;

    /// <summary>Enabled clusters that are not hot standbys take traffic.</summary>
    public bool IsLive => Spec.Enabled && !Spec.HotStandby;

    public double ScalingFactor => double.TryParse(Spec.ScalingFactorString ?? "1.0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) ? f : 1.0;
}

public sealed class ClusterSpec
{
    public bool Enabled { get; set; }

    /// <summary>Deployed to but given no traffic (a standby that can take over).</summary>
    public bool HotStandby { get; set; }

    /// <summary>A Secret in the Cluster's namespace whose key <c>kubeconfig</c> reaches the cluster.</summary>
    public string? KubeconfigSecret { get; set; }

    /// <summary>The embedded mode: an in-process simulated cluster instead of a real one.</summary>
    public SimulatedClusterSpec? Simulated { get; set; }

    /// <summary>Replicas in this cluster are multiplied by this (default "1.0").</summary>
    public string? ScalingFactorString { get; set; }

    public ClusterIngresses Ingresses { get; set; } = new();
}

public sealed class SimulatedClusterSpec
{
    /// <summary>How long pods take to become ready (default 2s).</summary>
    public string? ReadyAfter { get; set; }
}

public sealed class ClusterIngresses
{
    public IngressSpec? Public { get; set; }

    public IngressSpec? Private { get; set; }
}

public sealed class IngressSpec
{
    public string? DnsName { get; set; }

    public string? Gateway { get; set; }

    public List<string>? DefaultDomains { get; set; }
}

public sealed class ClusterStatus : ResourceStatus
{
    public string? KubernetesVersion { get; set; }
}
