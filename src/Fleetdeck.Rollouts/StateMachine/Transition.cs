namespace Fleetdeck.Rollouts.StateMachine;

/// <summary>
/// The outcome of one tick: the next state and the side effects to perform first, or an error (an unknown state).
/// When a side effect fails, the engine keeps the current state and tries again on the next tick.
/// </summary>
public sealed record Transition(IncarnationState? Next, IReadOnlyList<SideEffect> Effects, string? Error = null)
{
    public bool IsError => Error is not null;

    public static Transition To(IncarnationState next, params SideEffect[] effects) => new(next, effects);

    public static Transition Invalid(string message) => new(null, [], message);

    public override string ToString() => IsError ? $"error: {Error}" : $"{Next!.Value.Name()} [{string.Join(", ", Effects)}]";
}
