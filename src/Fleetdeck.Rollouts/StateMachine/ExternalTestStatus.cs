namespace Fleetdeck.Rollouts.StateMachine;

/// <summary>Where a revision's external test stands, derived from <c>externalTest</c> in the spec.</summary>
public enum ExternalTestStatus
{
    /// <summary>The revision has no such target.</summary>
    Unknown,
    Disabled,
    Pending,
    Started,
    Failed,
    Succeeded,
}

public static class ExternalTestStatuses
{
    /// <summary>completed and succeeded → Succeeded; completed → Failed; started → Started; enabled → Pending; else Disabled.</summary>
    public static ExternalTestStatus From(Api.ExternalTestSpec? test) => test switch
    {
        null => ExternalTestStatus.Disabled,
        { Completed: true, Succeeded: true } => ExternalTestStatus.Succeeded,
        { Completed: true } => ExternalTestStatus.Failed,
        { Started: true } => ExternalTestStatus.Started,
        { Enabled: true } => ExternalTestStatus.Pending,
        _ => ExternalTestStatus.Disabled,
    };

    public static bool IsFinished(this ExternalTestStatus status) => status is ExternalTestStatus.Succeeded or ExternalTestStatus.Failed;
}
