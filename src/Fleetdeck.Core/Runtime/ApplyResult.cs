namespace Fleetdeck.Core.Runtime;

public enum ApplyAction
{
    Unchanged,
    Created,
    Updated,
}

/// <summary>What <see cref="ObjectApplier"/> did, and the object as it now stands.</summary>
public sealed record ApplyResult<T>(T Object, ApplyAction Action)
{
    public bool Changed => Action != ApplyAction.Unchanged;
}
