using Fleetdeck.Rollouts.Schedule;
using Fleetdeck.Rollouts.Slo;

namespace Fleetdeck.Rollouts;

/// <summary>How the rollout engine runs; every interval is injectable so tests and benchmarks can run fast.</summary>
public sealed record RolloutOptions
{
    /// <summary>The longest a ReleaseManager waits between ticks (the anchor's --sync-period-seconds).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How soon a ReleaseManager looks again while something is on its way (pods starting, a canary).</summary>
    public TimeSpan ObservePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one cluster may take to answer in a tick before it counts as unreachable.</summary>
    public TimeSpan ClusterTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public ReleaseSchedule Schedule { get; init; } = ReleaseSchedule.Default;

    /// <summary>Firing SLO alerts; null uses the simulated clusters' alerts only (the embedded mode without Prometheus).</summary>
    public IAlertSource? Alerts { get; init; }

    /// <summary>The peak percent below which firing alerts fail a revision (the anchor's AcceptancePercentage).</summary>
    public int AcceptancePercent { get; init; } = 50;

    public int MaxConcurrentReleaseManagers { get; init; } = 8;

    public int MaxConcurrentRevisions { get; init; } = 4;
}
