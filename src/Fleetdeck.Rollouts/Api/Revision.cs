using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Rollouts.Api;

/// <summary>
/// One version of an app and where it goes (<c>rollouts.fleetdeck.dev/v1alpha1</c>, short name <c>rev</c>): the engine
/// creates a <see cref="ReleaseManager"/> per target, which deploys, canaries and ramps it, or rolls it back.
/// </summary>
[KubernetesEntity(Group = RolloutsGroup.Name, ApiVersion = RolloutsGroup.Version, Kind = "Revision", PluralName = "revisions")]
public sealed class Revision : CustomResource<RevisionSpec, RevisionStatus>
{
    /// <summary>When the revision was made: the git timestamp annotation when present, else the creation time.</summary>
    public DateTimeOffset GitTimestamp =>
        Metadata.Annotations is { } a && a.TryGetValue(RolloutsGroup.GitTimestampAnnotation, out var text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue;

    public RevisionTarget? Target(string name) => Spec.Targets.FirstOrDefault(t => t.Name == name);
}

public sealed class RevisionSpec
{
    public AppSpec App { get; set; } = new();

    /// <summary>The container every pod of this revision runs (the image comes from <c>app.image</c>).</summary>
    public ContainerSpec? Container { get; set; }

    /// <summary>Environment for the container, written to a ConfigMap per tag in each cluster.</summary>
    public Dictionary<string, string>? Config { get; set; }

    /// <summary>Set by the engine when SLO alerts fire or a test times out, or by <c>fleetdeck rollout abort</c>.</summary>
    public bool Failed { get; set; }

    /// <summary>Never fail this revision on SLO alerts.</summary>
    public bool IgnoreSLOs { get; set; }

    /// <summary>Fail on canary alerts only (<c>ALERTS{canary="true"}</c>) rather than on every SLO alert.</summary>
    public bool CanaryWithSLIRules { get; set; }

    /// <summary>The header that routes a request to one tag (<c>&lt;header&gt;: &lt;tag&gt;</c>).</summary>
    public string? TagRoutingHeader { get; set; }

    public List<RevisionTarget> Targets { get; set; } = [];

    public List<PortSpec>? Ports { get; set; }
}

public sealed class AppSpec
{
    public string? Name { get; set; }

    /// <summary>The git ref (branch) the tag was built from.</summary>
    public string? Ref { get; set; }

    /// <summary>Identifies this revision everywhere: workload names, subsets, the tag label.</summary>
    public string? Tag { get; set; }

    public string? Image { get; set; }
}

public sealed class ContainerSpec
{
    public List<string>? Command { get; set; }

    public List<string>? Args { get; set; }

    public V1ResourceRequirements? Resources { get; set; }

    public V1Probe? ReadinessProbe { get; set; }
}

public sealed class PortSpec
{
    public string? Name { get; set; }

    public List<string>? Hosts { get; set; }

    /// <summary>The gateway port (default 443).</summary>
    public int? IngressPort { get; set; }

    /// <summary>The service port (default 80).</summary>
    public int? Port { get; set; }

    public int? ContainerPort { get; set; }

    public string? Protocol { get; set; }

    /// <summary><c>public</c>, <c>private</c> (default) or <c>local</c> (mesh only).</summary>
    public string? Mode { get; set; }

    /// <summary>The port the default hosts route to.</summary>
    public bool Default { get; set; }
}

public sealed class RevisionTarget
{
    public string? Name { get; set; }

    public string? Fleet { get; set; }

    public ScaleSpec Scale { get; set; } = new();

    public ReleaseSpec Release { get; set; } = new();

    public CanarySpec? Canary { get; set; }

    public ExternalTestSpec? ExternalTest { get; set; }

    /// <summary>The target whose peak decides whether alerts fail the revision (else the first named *production*).</summary>
    public bool AcceptanceTarget { get; set; }

    public List<ServiceLevelObjective>? ServiceLevelObjectives { get; set; }
}

public sealed class ScaleSpec
{
    public int? Min { get; set; }

    public int? Default { get; set; }

    public int? Max { get; set; }

    public int? TargetCPUUtilizationPercentage { get; set; }

    public int? TargetMemoryUtilizationPercentage { get; set; }

    public bool HasAutoscaler => TargetCPUUtilizationPercentage is not null || TargetMemoryUtilizationPercentage is not null;
}

public sealed class ReleaseSpec
{
    public bool Eligible { get; set; }

    /// <summary>The most traffic this revision ever gets, in percent (default 100).</summary>
    public int? Max { get; set; }

    /// <summary><c>geometric</c> (default) or <c>linear</c>.</summary>
    public string? ScalingStrategy { get; set; }

    public GeometricScaling? GeometricScaling { get; set; }

    public LinearScaling? LinearScaling { get; set; }

    /// <summary><c>inhumane</c> (default), <c>humane</c> or <c>always</c>.</summary>
    public string? Schedule { get; set; }

    /// <summary>Seconds after which a revision that is not released may be retired and collected (default 432000, 5 days).</summary>
    public long? Ttl { get; set; }
}

public sealed class GeometricScaling
{
    public int? Start { get; set; }

    public int? Factor { get; set; }

    public string? Delay { get; set; }
}

public sealed class LinearScaling
{
    public int? Increment { get; set; }

    public string? Delay { get; set; }
}

public sealed class CanarySpec
{
    public int Percent { get; set; }

    /// <summary>Seconds the canary lasts once it takes traffic.</summary>
    public long Ttl { get; set; }
}

public sealed class ExternalTestSpec
{
    public bool Enabled { get; set; }

    public bool Started { get; set; }

    public bool Completed { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>How long a test may be pending or running (default 2h).</summary>
    public string? Timeout { get; set; }

    public DateTime? LastUpdated { get; set; }
}

public sealed class ServiceLevelObjective
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Enabled { get; set; }

    /// <summary>The objective in percent, e.g. "99.9".</summary>
    public string? ObjectivePercentString { get; set; }

    public ServiceLevelIndicator ServiceLevelIndicator { get; set; } = new();

    public ServiceLevelObjectiveLabels? ServiceLevelObjectiveLabels { get; set; }

    public SloAlerting? Alerting { get; set; }
}

public sealed class ServiceLevelIndicator
{
    public SliCanary? Canary { get; set; }

    /// <summary>The label of the SLI series that carries the tag (default <c>tag</c>).</summary>
    public string? TagKey { get; set; }

    public string? AlertAfter { get; set; }

    public string? TotalQuery { get; set; }

    public string? ErrorQuery { get; set; }
}

public sealed class SliCanary
{
    public bool Enabled { get; set; }

    /// <summary>How much worse (in percentage points of error ratio) the canary may be than the whole.</summary>
    public double? AllowancePercent { get; set; }

    /// <summary>How long the canary must be worse before its alert fires (<c>for:</c>).</summary>
    public string? FailAfter { get; set; }
}

public sealed class ServiceLevelObjectiveLabels
{
    public Dictionary<string, string>? AlertLabels { get; set; }

    public Dictionary<string, string>? RuleLabels { get; set; }

    public Dictionary<string, string>? ServiceLevelLabels { get; set; }
}

public sealed class SloAlerting
{
    public string? Name { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }
}

public sealed class RevisionStatus : ResourceStatus
{
    /// <summary>Each target's incarnation as its ReleaseManager sees it.</summary>
    public List<RevisionTargetStatus>? Targets { get; set; }
}

public sealed class RevisionTargetStatus
{
    public string? Name { get; set; }

    public string? State { get; set; }

    public int CurrentPercent { get; set; }

    public int PeakPercent { get; set; }
}
