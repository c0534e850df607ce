using static Fleetdeck.Rollouts.StateMachine.IncarnationState;
using static Fleetdeck.Rollouts.StateMachine.SideEffect;

namespace Fleetdeck.Rollouts.StateMachine;

/// <summary>
/// The incarnation state machine, as a pure function: each state's rules run in the anchor's order and the first
/// that matches decides. Side effects are returned, never performed here. An unknown state is an error value.
/// Deviation from the anchor, on purpose: <c>testing</c> also honours <c>spec.failed</c> (the anchor looks only at the
/// external test there, so an abort during a test was ignored).
/// </summary>
public static class IncarnationStateMachine
{
    public static readonly TimeSpan CreatedTimeout = TimeSpan.FromHours(1);
    public static readonly TimeSpan DeployingTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Ticks the state named in status; an unknown name is an error, not an exception.</summary>
    public static Transition Tick(string? state, IIncarnationObservations o) =>
        IncarnationStates.TryParse(state, out var parsed)
            ? Tick(parsed, o)
            : Transition.Invalid($"unknown incarnation state \"{state}\" (known: {string.Join(", ", IncarnationStates.All.Select(s => s.Name()))})");

    public static Transition Tick(IncarnationState state, IIncarnationObservations o) => state switch
    {
        Created => TickCreated(o),
        Deploying => TickDeploying(o),
        Deployed => TickDeployed(o),
        PendingTest => TickPendingTest(o),
        Testing => TickTesting(o),
        Tested => TickTested(o),
        Canarying => TickCanarying(o),
        Canaried => TickCanaried(o),
        PendingRelease => TickPendingRelease(o),
        Releasing or Released => TickReleasing(o),
        Retiring => TickRetiring(o),
        Retired => TickRetired(o),
        Deleting => TickDeleting(o),
        Deleted => TickDeleted(o),
        Failing => TickFailing(o),
        Failed => TickFailed(o),
        TimingOut => TickTimingOut(o),
        _ => Transition.Invalid($"unknown incarnation state {(int)state}"),
    };

    private static bool HasFailed(IIncarnationObservations o) => o.MarkedAsFailed || o.ExternalTest == ExternalTestStatus.Failed;

    private static bool Older(IIncarnationObservations o, TimeSpan age) => o.LastUpdated + age < o.Now;

    private static Transition TickCreated(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (Older(o, CreatedTimeout)) return Transition.To(TimingOut);
        return Transition.To(Deploying);
    }

    private static Transition TickDeploying(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (HasFailed(o)) return Transition.To(Failing);
        if (o.IsDeployed) return Transition.To(Deployed, Sync);
        if (Older(o, DeployingTimeout)) return Transition.To(TimingOut, Sync);
        return Transition.To(Deploying, Sync);
    }

    private static Transition TickDeployed(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (HasFailed(o)) return Transition.To(Failing);
        if (!o.IsDeployed) return Transition.To(Deploying, Sync);
        switch (o.ExternalTest)
        {
            case ExternalTestStatus.Succeeded: return Transition.To(Tested, Sync);
            case ExternalTestStatus.Started: return Transition.To(Testing, Sync);
            case ExternalTestStatus.Pending: return Transition.To(PendingTest, Sync);
        }
        if (o.IsReleaseEligible) return Transition.To(o.IsCanaryPending ? Canarying : PendingRelease, Sync);
        if (o.IsExpired) return Transition.To(Retiring, Sync);
        return Transition.To(Deployed, Sync);
    }

    private static Transition TickPendingTest(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (HasFailed(o)) return Transition.To(Failing);
        if (o.ExternalTest == ExternalTestStatus.Succeeded) return Transition.To(Tested);
        if (o.IsTimingOut) return Transition.To(TimingOut);
        if (o.ExternalTest == ExternalTestStatus.Started) return Transition.To(Testing);
        if (Older(o, DeployingTimeout)) return Transition.To(TimingOut, Sync);
        return Transition.To(PendingTest, Sync);
    }

    private static Transition TickTesting(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (HasFailed(o)) return Transition.To(Failing);
        if (o.ExternalTest == ExternalTestStatus.Succeeded) return Transition.To(Tested);
        if (o.IsTimingOut) return Transition.To(TimingOut);
        if (o.ExternalTest == ExternalTestStatus.Pending) return Transition.To(PendingTest);
        if (o.ExternalTest is ExternalTestStatus.Disabled or ExternalTestStatus.Unknown) return Transition.To(Deploying);
        if (Older(o, DeployingTimeout)) return Transition.To(TimingOut, Sync);
        return Transition.To(Testing, Sync);
    }

    private static Transition TickTested(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (HasFailed(o)) return Transition.To(Failing);
        if (o.ExternalTest == ExternalTestStatus.Pending) return Transition.To(PendingTest);
        if (!o.ExternalTest.IsFinished()) return Transition.To(Testing);
        if (o.IsReleaseEligible) return Transition.To(o.IsCanaryPending ? Canarying : PendingRelease);
        if (Older(o, DeployingTimeout)) return Transition.To(TimingOut);
        return Transition.To(Tested);
    }

    private static Transition TickCanarying(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (o.MarkedAsFailed) return Transition.To(Failing);
        return Transition.To(o.IsCanaryPending ? Canarying : Canaried, SyncCanaryRules, DeleteTaggedServiceLevels, Sync);
    }

    private static Transition TickCanaried(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (o.MarkedAsFailed) return Transition.To(Failing);
        return Transition.To(o.IsReleaseEligible ? PendingRelease : Canaried, DeleteCanaryRules, Sync);
    }

    private static Transition TickPendingRelease(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (o.MarkedAsFailed) return Transition.To(Failing);
        if (!o.IsReleaseEligible) return Transition.To(Retiring);
        if (o.SchedulePermitsRelease) return Transition.To(Releasing);
        return Transition.To(PendingRelease, Sync);
    }

    private static Transition TickReleasing(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (o.MarkedAsFailed) return Transition.To(Failing);
        if (!o.IsReleaseEligible) return Transition.To(Retiring);
        return Transition.To(o.PeakPercent >= 100 ? Released : Releasing, Sync, DeleteTaggedServiceLevels);
    }

    private static Transition TickRetiring(IIncarnationObservations o)
    {
        if (o.CurrentPercent > 0) return Transition.To(Retiring);
        if (!o.HasRevision) return Transition.To(Deleting);
        if (o.MarkedAsFailed) return Transition.To(Failing);
        if (o.IsReleaseEligible) return Transition.To(Deploying);
        return Transition.To(Retired, DeleteTaggedServiceLevels, Retire);
    }

    private static Transition TickRetired(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (o.MarkedAsFailed) return Transition.To(Failing);
        if (o.IsReleaseEligible) return Transition.To(Deploying);
        return Transition.To(Retired, Retire);
    }

    private static Transition TickDeleting(IIncarnationObservations o)
    {
        if (o.CurrentPercent > 0) return Transition.To(Deleting);
        if (o.HasRevision) return Transition.To(Deploying);
        return Transition.To(Deleted, DeleteCanaryRules, DeleteTaggedServiceLevels, Delete);
    }

    private static Transition TickDeleted(IIncarnationObservations o) =>
        o.HasRevision ? Transition.To(Deploying) : Transition.To(Deleted);

    private static Transition TickFailing(IIncarnationObservations o)
    {
        if (o.CurrentPercent > 0) return Transition.To(Failing);
        if (!o.HasRevision) return Transition.To(Deleting);
        if (!HasFailed(o)) return Transition.To(Deploying);
        return Transition.To(Failed, DeleteCanaryRules, DeleteTaggedServiceLevels, Retire);
    }

    private static Transition TickFailed(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (!HasFailed(o)) return Transition.To(Deploying);
        return Transition.To(Failed, Retire);
    }

    private static Transition TickTimingOut(IIncarnationObservations o)
    {
        if (!o.HasRevision) return Transition.To(Deleting);
        if (HasFailed(o)) return Transition.To(Failing);
        return Transition.To(TimingOut);
    }
}
