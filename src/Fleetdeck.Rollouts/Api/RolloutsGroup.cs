namespace Fleetdeck.Rollouts.Api;

/// <summary>The API group of the rollout engine, and the labels and annotations it reads and writes.</summary>
public static class RolloutsGroup
{
    public const string Name = "rollouts.fleetdeck.dev";
    public const string Version = "v1alpha1";

    /// <summary>On Clusters: the fleet the cluster belongs to.</summary>
    public const string FleetLabel = Name + "/fleet";

    /// <summary>On ReleaseManagers and everything deployed to clusters: the app.</summary>
    public const string AppLabel = Name + "/app";

    public const string TargetLabel = Name + "/target";

    /// <summary>On workloads in clusters: the tag (revision) they belong to.</summary>
    public const string TagLabel = "tag." + Name;

    /// <summary>On Revisions: set by garbage collection per target (<c>target-deletable.rollouts.fleetdeck.dev/&lt;target&gt;=true</c>).</summary>
    public const string DeletablePrefix = "target-deletable." + Name + "/";

    public const string FailedAtAnnotation = Name + "/failed-at";
    public const string FailedReasonAnnotation = Name + "/failed-reason";

    /// <summary>On ReleaseManagers: "true" holds every increase of traffic (decreases still happen).</summary>
    public const string PausedAnnotation = Name + "/paused";

    /// <summary>On ReleaseManagers: a tag whose canary and schedule are skipped and whose ramp goes straight to its maximum.</summary>
    public const string PromoteAnnotation = Name + "/promote";

    /// <summary>On Revisions: an optional RFC 3339 commit time that orders incarnations (else the creation time).</summary>
    public const string GitTimestampAnnotation = Name + "/git-timestamp";
}
