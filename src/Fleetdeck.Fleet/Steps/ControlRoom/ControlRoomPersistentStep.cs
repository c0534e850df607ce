using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps.ControlRoom;

/// <summary>
/// <c>persistent</c> of a control room: the PostgreSQL server its workloads' databases live on and its Prometheus, checked
/// reachable and recorded. It makes no object: those servers are the control room's own.
/// </summary>
internal sealed class ControlRoomPersistentStep(HttpClient http) : IStep
{
    public string Name => StepNames.Persistent;

    public string Description => "PostgreSQL and Prometheus, checked and recorded";

    public Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        if (context.ControlRoom.PostgresAdmin is not null) notes.Add("checks the PostgreSQL admin connection");
        if (context.ControlRoom.PrometheusUrl is { } url) notes.Add($"checks Prometheus at {url}");
        if (notes.Count == 0) notes.Add("nothing to check: no postgres or prometheus in the control room");
        return Task.FromResult(new StepPlan([], notes));
    }

    public async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        var url = AdminDatabase.Url(context);
        var version = url is null ? null : await AdminDatabase.CheckAsync(url, cancellationToken).ConfigureAwait(false);
        if (context.ControlRoom.PrometheusUrl is { } prometheus)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(new Uri(prometheus.TrimEnd('/') + "/"), "-/ready"), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) throw new StepFailedException($"Prometheus at {prometheus} is not ready (HTTP {(int)response.StatusCode})");
            }
            catch (HttpRequestException e)
            {
                throw new StepFailedException($"cannot reach Prometheus at {prometheus}: {e.Message}: check spec.prometheus.url");
            }
        }
        context.Outputs.Set(Name, new ControlRoomPersistentOutputs(url?.Server, version, context.ControlRoom.PrometheusUrl));
    }

    public Task<StepPlan> PlanDestroyAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new StepPlan([], ["keeps the control room's servers (they are not Fleetdeck's to delete)"]));

    public Task DestroyAsync(StepContext context, CancellationToken cancellationToken)
    {
        context.Outputs.Remove(Name);
        return Task.CompletedTask;
    }
}
