namespace Fleetdeck.Fleet.Engine;

public enum StepState
{
    Pending,
    Running,
    Done,
    Unchanged,
    Skipped,
    Planned,
    Failed,
}

/// <summary>How one step went: its state, how long it took, its plan, and on failure why.</summary>
public sealed record StepReport(string Step, StepState State, TimeSpan Duration, StepPlan? Plan, string? Error = null);

/// <summary>How one <c>ensure</c> of one target went.</summary>
public sealed record EnsureReport(string Target, bool DryRun, bool Destroy, IReadOnlyList<StepReport> Steps)
{
    public bool Failed => Steps.Any(s => s.State == StepState.Failed);

    public bool HasChanges => Steps.Any(s => s.Plan?.HasChanges == true);

    public StepReport? FailedStep => Steps.FirstOrDefault(s => s.State == StepState.Failed);

    /// <summary>The command that resumes after a failure.</summary>
    public string? Resume => FailedStep is { } failed ? $"fleetdeck ensure {Target} --from {failed.Step}{(Destroy ? " --destroy" : "")}" : null;

    /// <summary>0: done (or, for a dry run, nothing to change); 2: a dry run found changes; 1: a step failed.</summary>
    public int ExitCode => Failed ? 1 : DryRun && HasChanges ? 2 : 0;
}

/// <summary>Hears about steps as they run (the live view, or plain lines).</summary>
public interface IEnsureProgress
{
    void Started(string target, string step);

    void Finished(string target, StepReport report);
}
