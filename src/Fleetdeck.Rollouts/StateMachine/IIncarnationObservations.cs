namespace Fleetdeck.Rollouts.StateMachine;

/// <summary>Everything the state machine may know about one incarnation: answers, not objects.</summary>
public interface IIncarnationObservations
{
    bool HasRevision { get; }

    /// <summary><c>spec.failed</c> (set by SLO alerts, a timeout or <c>rollout abort</c>).</summary>
    bool MarkedAsFailed { get; }

    /// <summary>Enough replicas, and every live cluster has the workload with at least one available.</summary>
    bool IsDeployed { get; }

    bool IsReleaseEligible { get; }

    bool IsCanaryPending { get; }

    /// <summary>The revision's time plus its TTL is past.</summary>
    bool IsExpired { get; }

    /// <summary>A pending or started external test has gone past its timeout.</summary>
    bool IsTimingOut { get; }

    bool SchedulePermitsRelease { get; }

    ExternalTestStatus ExternalTest { get; }

    int CurrentPercent { get; }

    int PeakPercent { get; }

    /// <summary>When the state last changed.</summary>
    DateTimeOffset LastUpdated { get; }

    DateTimeOffset Now { get; }
}

/// <summary>Observations as a plain record, for tests and for the engine's own snapshot of an incarnation.</summary>
public sealed record Observations : IIncarnationObservations
{
    public bool HasRevision { get; init; }
    public bool MarkedAsFailed { get; init; }
    public bool IsDeployed { get; init; }
    public bool IsReleaseEligible { get; init; }
    public bool IsCanaryPending { get; init; }
    public bool IsExpired { get; init; }
    public bool IsTimingOut { get; init; }
    public bool SchedulePermitsRelease { get; init; }
    public ExternalTestStatus ExternalTest { get; init; } = ExternalTestStatus.Disabled;
    public int CurrentPercent { get; init; }
    public int PeakPercent { get; init; }
    public DateTimeOffset LastUpdated { get; init; }
    public DateTimeOffset Now { get; init; }
}
