using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps.Workload;

/// <summary>
/// <c>persistent_reprise</c>: records what the workload stands on once everything else has run (namespace, databases,
/// Sites and their readiness), gathered from the earlier steps' outputs. It changes no object.
/// </summary>
internal sealed class PersistentRepriseStep : IStep
{
    public string Name => StepNames.PersistentReprise;

    public string Description => "record the workload's outputs";

    public Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new StepPlan([], ["records the outputs of the earlier steps"]));

    public Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var databases = context.Outputs.Get<PostgresConfigOutputs>(StepNames.PostgresConfig)?.Databases.Select(d => d.Name).ToList() ?? [];
        var sites = context.Outputs.Get<SitesOutputs>(StepNames.Sites)?.Sites ?? [];
        context.Outputs.Set(Name, new RepriseOutputs(w.Namespace, w.OrgId, databases, sites));
        return Task.CompletedTask;
    }

    public Task<StepPlan> PlanDestroyAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new StepPlan([], ["forgets the recorded outputs"]));

    public Task DestroyAsync(StepContext context, CancellationToken cancellationToken)
    {
        context.Outputs.Remove(Name);
        return Task.CompletedTask;
    }
}
