using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;
using Fleetdeck.Rollouts.Schedule;
using Fleetdeck.Rollouts.StateMachine;
using Fleetdeck.Rollouts.Traffic;

namespace Fleetdeck.Rollouts.Controllers;

/// <summary>
/// A Revision on one target with its status entry: the answers the state machine asks for, computed from the
/// Revision, the status and what the clusters reported. The status entry is this tick's working copy.
/// </summary>
internal sealed class Incarnation(Revision? revision, RevisionTarget? target, IncarnationStatus status, IReadOnlyList<ClusterReport> clusters,
    ReleaseSchedule schedule, DateTimeOffset now, bool promoted) : IIncarnationObservations
{
    public Revision? Revision { get; } = revision;

    public RevisionTarget? Target { get; } = target;

    public IncarnationStatus Status { get; } = status;

    public string Tag => Status.Tag;

    public bool Promoted { get; } = promoted;

    public ReleaseSettings Settings { get; } = ReleaseSettings.From(target?.Release);

    public DateTimeOffset GitTimestamp => Status.GitTimestamp is { } t ? At(t) : DateTimeOffset.MinValue;

    public IncarnationState State => IncarnationStates.TryParse(Status.State.Current, out var s) ? s : IncarnationState.Created;

    /// <summary>The state this tick started in.</summary>
    public IncarnationState StartState { get; } = IncarnationStates.TryParse(status.State.Current, out var s) ? s : IncarnationState.Created;

    public int CanaryPercent => Target?.Canary?.Percent ?? 0;

    /// <summary>Set by the SLO gate in this tick before the revision's own spec shows it.</summary>
    public bool FailedThisTick { get; set; }

    public bool HasRevision => Revision is not null && Target is not null && Revision.Metadata.DeletionTimestamp is null;

    public bool MarkedAsFailed => FailedThisTick || Revision?.Spec.Failed == true;

    public IReadOnlyList<ClusterReport> LiveReports => [.. clusters.Where(c => c.Live)];

    public bool IsDeployed
    {
        get
        {
            var live = LiveReports;
            if (live.Count == 0) return false;
            foreach (var report in live)
                if (!report.Reachable || !report.Tags.TryGetValue(Tag, out var rs) || rs.Available < 1) return false;
            return Status.Scale.Current >= Status.Scale.Desired;
        }
    }

    public bool IsReleaseEligible => Status.ReleaseEligible;

    public bool IsCanaryPending
    {
        get
        {
            if (Promoted) return false;
            var canary = Target?.Canary;
            if (canary is null || canary.Percent == 0 || canary.Ttl == 0 || (Target!.ServiceLevelObjectives?.Count ?? 0) == 0) return false;
            if (Status.CanaryStartTimestamp is not { } start) return true;
            return At(start) + TimeSpan.FromSeconds(canary.Ttl) > Now;
        }
    }

    public bool IsExpired => Status.RevisionTimestamp is { } t && At(t) + TimeSpan.FromSeconds(Status.Ttl) < Now;

    public bool IsTimingOut
    {
        get
        {
            if (ExternalTest is not (ExternalTestStatus.Started or ExternalTestStatus.Pending)) return false;
            var since = Target?.ExternalTest?.LastUpdated is { } updated ? At(updated) : LastUpdated;
            return since + GoDuration.Parse(Target?.ExternalTest?.Timeout, TimeSpan.FromHours(2)) < Now;
        }
    }

    public bool SchedulePermitsRelease => Promoted ||
        schedule.PermitsRelease(Settings.Schedule, Status.RevisionTimestamp is { } t ? At(t) : Now, Now, PeakPercent, CanaryPercent);

    public ExternalTestStatus ExternalTest => Target is null ? ExternalTestStatus.Unknown : ExternalTestStatuses.From(Target.ExternalTest);

    public int CurrentPercent => Status.CurrentPercent;

    public int PeakPercent => Status.PeakPercent;

    public DateTimeOffset LastUpdated => Status.State.LastUpdated is { } t ? At(t) : Now;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Records a new state and the timestamps of the milestones it reaches.</summary>
    public void SetState(IncarnationState next)
    {
        if (Status.State.Current == next.Name()) return;
        var at = Now.UtcDateTime;
        Status.State = new IncarnationStateStatus { Current = next.Name(), LastUpdated = at };
        switch (next)
        {
            case IncarnationState.Deploying: Status.DeployingStartTimestamp ??= at; break;
            case IncarnationState.Deployed: Status.DeployedTimestamp ??= at; break;
            // The anchor compared against "pendingRelease" here, so this timestamp was never set.
            case IncarnationState.PendingRelease: Status.PendingReleaseStartTimestamp ??= at; break;
            case IncarnationState.Releasing: Status.ReleaseStartTimestamp ??= at; break;
            case IncarnationState.Released: Status.ReleasedTimestamp ??= at; break;
        }
    }

    public TrafficIncarnation ToTraffic() =>
        new(Tag, State, Status.CurrentPercent, Status.PeakPercent, Status.PercentUpdated is { } u ? At(u) : null, GitTimestamp, Settings, CanaryPercent, Promoted);

    public static DateTimeOffset At(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
