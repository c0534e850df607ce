namespace Fleetdeck.Fleet.Engine;

public enum ChangeAction
{
    Create,
    Update,
    Delete,
    Unchanged,
}

/// <summary>One object a step would create, change (with a diff), or delete; or a check it would make.</summary>
public sealed record PlannedChange(ChangeAction Action, string Kind, string? Namespace, string Name, string? Diff = null)
{
    public string Object => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {Object}";
}

/// <summary>What a step would do: its changes, and notes (e.g. why it is skipped).</summary>
public sealed record StepPlan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<string> Notes)
{
    public static StepPlan Skipped(string why) => new([], [why]);

    public bool HasChanges => Changes.Any(c => c.Action != ChangeAction.Unchanged);
}
