using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Rollouts.Api;

/// <summary>
/// The release of one app on one target (<c>&lt;app&gt;-&lt;target&gt;</c>, short name <c>rm</c>), created by the engine.
/// Its status holds every incarnation's state, traffic and scale: the incarnation state lives here, not on the Revision.
/// </summary>
[KubernetesEntity(Group = RolloutsGroup.Name, ApiVersion = RolloutsGroup.Version, Kind = "ReleaseManager", PluralName = "releasemanagers")]
public sealed class ReleaseManager : CustomResource<ReleaseManagerSpec, ReleaseManagerStatus>
{
    public static string NameFor(string app, string target) => $"{app}-{target}";

    public bool Paused => Metadata.Annotations?.TryGetValue(RolloutsGroup.PausedAnnotation, out var v) == true && v == "true";

    public string? PromotedTag => Metadata.Annotations?.TryGetValue(RolloutsGroup.PromoteAnnotation, out var v) == true && !string.IsNullOrEmpty(v) ? v : null;
}

public sealed class ReleaseManagerSpec
{
    public string? Fleet { get; set; }

    public string? App { get; set; }

    public string? Target { get; set; }
}

public sealed class ReleaseManagerStatus : ResourceStatus
{
    public DateTime? LastUpdated { get; set; }

    /// <summary>Incarnations, oldest first.</summary>
    public List<IncarnationStatus> Revisions { get; set; } = [];

    /// <summary>The live clusters of the fleet as last seen.</summary>
    public List<ClusterObservation>? Clusters { get; set; }
}

public sealed class IncarnationStatus
{
    public string Tag { get; set; } = "";

    public IncarnationStateStatus State { get; set; } = new();

    public int CurrentPercent { get; set; }

    public int PeakPercent { get; set; }

    /// <summary>When <see cref="CurrentPercent"/> last changed (ramp delays count from here).</summary>
    public DateTime? PercentUpdated { get; set; }

    public bool ReleaseEligible { get; set; }

    public List<string>? TriggeredAlerts { get; set; }

    /// <summary>Seconds, copied from the revision while it deploys.</summary>
    public long Ttl { get; set; }

    public DateTime? GitTimestamp { get; set; }

    public DateTime? RevisionTimestamp { get; set; }

    public DateTime? DeployingStartTimestamp { get; set; }

    public DateTime? DeployedTimestamp { get; set; }

    public DateTime? CanaryStartTimestamp { get; set; }

    public DateTime? PendingReleaseStartTimestamp { get; set; }

    public DateTime? ReleaseStartTimestamp { get; set; }

    public DateTime? ReleasedTimestamp { get; set; }

    public ScaleStatus Scale { get; set; } = new();

    /// <summary>Per live cluster: replicas ready and the weight last applied there.</summary>
    public List<IncarnationClusterStatus>? Clusters { get; set; }

    /// <summary>The revision is gone; this entry stays until the incarnation is deleted everywhere.</summary>
    public bool Deleted { get; set; }
}

public sealed class IncarnationStateStatus
{
    public string Current { get; set; } = "created";

    public DateTime? LastUpdated { get; set; }
}

public sealed class ScaleStatus
{
    public int Current { get; set; }

    public int Desired { get; set; }

    public int Peak { get; set; }
}

public sealed class IncarnationClusterStatus
{
    public string Name { get; set; } = "";

    public int Desired { get; set; }

    public int Ready { get; set; }

    public int Weight { get; set; }
}

public sealed class ClusterObservation
{
    public string Name { get; set; } = "";

    public bool Reachable { get; set; }

    public string? Message { get; set; }
}
