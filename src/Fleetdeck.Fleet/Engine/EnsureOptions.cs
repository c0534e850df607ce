namespace Fleetdeck.Fleet.Engine;

/// <summary>How <c>ensure</c> runs: plan only, which steps, destroy.</summary>
public sealed record EnsureOptions
{
    public bool DryRun { get; init; }

    /// <summary>Run only these steps (pipeline order is kept).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Start at this step (after <see cref="Only"/> and <see cref="Destroy"/> are applied, as PTD does).</summary>
    public string? From { get; init; }

    /// <summary>Run the steps in reverse, deleting what they made (keeping retained data).</summary>
    public bool Destroy { get; init; }
}
