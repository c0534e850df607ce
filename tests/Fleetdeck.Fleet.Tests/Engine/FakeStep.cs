using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Tests.Engine;

/// <summary>A step that records its calls, with a chosen plan and an optional failure.</summary>
internal sealed class FakeStep(string name, StepPlan? plan = null, string? fail = null, List<string>? log = null) : IStep
{
    public string Name => name;

    public string Description => name;

    public Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken)
    {
        log?.Add($"plan {name}");
        return Task.FromResult(plan ?? new StepPlan([], []));
    }

    public Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        log?.Add($"apply {name}");
        return fail is null ? Task.CompletedTask : throw new StepFailedException(fail);
    }

    public Task<StepPlan> PlanDestroyAsync(StepContext context, CancellationToken cancellationToken) => PlanAsync(context, cancellationToken);

    public Task DestroyAsync(StepContext context, CancellationToken cancellationToken)
    {
        log?.Add($"destroy {name}");
        return Task.CompletedTask;
    }
}
