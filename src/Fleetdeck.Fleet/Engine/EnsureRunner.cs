using Fleetdeck.Core.Store;

namespace Fleetdeck.Fleet.Engine;

/// <summary>
/// Runs a target's steps in order: each is planned against what is live, then (unless a dry run) applied, waited on and its
/// outputs recorded. The first failure stops the run; the report says which step failed, why, and how to resume.
/// </summary>
public sealed class EnsureRunner(TimeProvider time)
{
    public async Task<EnsureReport> RunAsync(string target, IReadOnlyList<IStep> steps, StepContext context, EnsureOptions options, IEnsureProgress? progress, CancellationToken cancellationToken)
    {
        var reports = new List<StepReport>();
        var failed = false;
        foreach (var step in steps)
        {
            if (failed)
            {
                reports.Add(new StepReport(step.Name, StepState.Pending, TimeSpan.Zero, null));
                continue;
            }
            progress?.Started(target, step.Name);
            var started = time.GetTimestamp();
            StepPlan? plan = null;
            StepReport report;
            try
            {
                plan = options.Destroy
                    ? await step.PlanDestroyAsync(context, cancellationToken).ConfigureAwait(false)
                    : await step.PlanAsync(context, cancellationToken).ConfigureAwait(false);
                StepState state;
                if (options.DryRun)
                    state = plan.HasChanges ? StepState.Planned : plan.Changes.Count == 0 && plan.Notes.Count > 0 ? StepState.Skipped : StepState.Unchanged;
                else
                {
                    if (options.Destroy) await step.DestroyAsync(context, cancellationToken).ConfigureAwait(false);
                    else await step.ApplyAsync(context, cancellationToken).ConfigureAwait(false);
                    state = plan.HasChanges ? StepState.Done : plan.Changes.Count == 0 && plan.Notes.Count > 0 ? StepState.Skipped : StepState.Unchanged;
                }
                report = new StepReport(step.Name, state, time.GetElapsedTime(started), plan);
            }
            catch (Exception e) when (e is StepFailedException or StoreException or HttpRequestException or IOException or Fleetdeck.Fleet.Targets.TargetsException
                                       || e is TimeoutException || e is InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                failed = true;
                report = new StepReport(step.Name, StepState.Failed, time.GetElapsedTime(started), plan, OneLine(e));
            }
            reports.Add(report);
            progress?.Finished(target, report);
        }
        return new EnsureReport(target, options.DryRun, options.Destroy, reports);
    }

    private static string OneLine(Exception e)
    {
        var message = e is StoreException store ? $"{store.Reason}: {store.Message}" : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
