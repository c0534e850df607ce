namespace Fleetdeck.Fleet.Engine;

/// <summary>
/// One step of a target's pipeline. Steps are idempotent: planning never writes, and applying what is already in place
/// changes nothing. A step's outputs are recorded after it applies, for later steps (and later runs) to read.
/// </summary>
public interface IStep
{
    string Name { get; }

    string Description { get; }

    /// <summary>What applying would change, compared with what is live now.</summary>
    Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Makes it so, waits until it is ready, and records the outputs.</summary>
    Task ApplyAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>What destroying would delete (keeping what the retention policy keeps).</summary>
    Task<StepPlan> PlanDestroyAsync(StepContext context, CancellationToken cancellationToken);

    Task DestroyAsync(StepContext context, CancellationToken cancellationToken);
}
