using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.StateMachine;

namespace Fleetdeck.Rollouts.Traffic;

/// <summary>One incarnation as the weight calculation sees it, after this tick's state transitions.</summary>
public sealed record TrafficIncarnation(
    string Tag,
    IncarnationState State,
    int CurrentPercent,
    int PeakPercent,
    DateTimeOffset? PercentUpdated,
    DateTimeOffset GitTimestamp,
    ReleaseSettings Settings,
    int CanaryPercent = 0,
    bool Promoted = false);

/// <summary>An incarnation's traffic after a tick.</summary>
public sealed record TrafficWeight(string Tag, int Percent, int PeakPercent, DateTimeOffset? PercentUpdated, bool ReleaseEligibleRevoked);
