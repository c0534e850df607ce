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
    private static readonly IncarnationState[] Values = Enum.GetValues<IncarnationState>();
    // Names are computed once: every tick reads and writes them many times over.
    private static readonly string[] Names = [.. Values.Select(s => s.ToString().ToLowerInvariant())];
    private static readonly Dictionary<string, IncarnationState> ByName = Values.ToDictionary(s => Names[(int)s], StringComparer.Ordinal);

    public static IReadOnlyList<IncarnationState> All => Values;

    /// <summary>The name in status: <c>pendingrelease</c>, <c>timingout</c>, ...</summary>
    public static string Name(this IncarnationState state) =>
        (uint)state < (uint)Names.Length ? Names[(int)state] : state.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out IncarnationState state)
    {
        if (name is not null && ByName.TryGetValue(name, out state)) return true;
        state = default;
        return false;
    }
}
