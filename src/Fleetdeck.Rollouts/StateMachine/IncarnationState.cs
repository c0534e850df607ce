namespace Fleetdeck.Rollouts.StateMachine;

/// <summary>The 18 states of an incarnation (a Revision on one target), written in status as lower-case names.</summary>
public enum IncarnationState
{
    Created,
    Deploying,
    Deployed,
    PendingTest,
    Testing,
    Tested,
    Canarying,
    Canaried,
    PendingRelease,
    Releasing,
    Released,
    Retiring,
    Retired,
    Deleting,
    Deleted,
    Failing,
    Failed,
    TimingOut,
}

public static class IncarnationStates
{
    public static IReadOnlyList<IncarnationState> All { get; } = Enum.GetValues<IncarnationState>();

    /// <summary>The name in status: <c>pendingrelease</c>, <c>timingout</c>, ...</summary>
    public static string Name(this IncarnationState state) => state.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out IncarnationState state)
    {
        foreach (var s in All)
        {
            if (string.Equals(s.Name(), name, StringComparison.Ordinal))
            {
                state = s;
                return true;
            }
        }
        state = default;
        return false;
    }
}
