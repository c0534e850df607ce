using System.Text.Json.Nodes;
using Spectre.Console;
using Fleetdeck.Fleet.Configuration;
using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Steps;
using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Fleet.Running;

/// <summary>
/// <c>fleetdeck ensure</c>: reads the configuration and the targets directory, then runs one target's steps (or, with
/// <c>--all</c>, every workload of a control room with bounded concurrency), printing progress, the plan and the outcome.
/// Exit codes: 0 done or nothing to change; 2 a dry run found changes; 1 a failure or bad input.
/// </summary>
public sealed class EnsureService(IAnsiConsole console, TextWriter output, TextWriter error, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<int> RunAsync(EnsureRequest request, CancellationToken cancellationToken)
    {
        var settings = FleetConfiguration.Load(request.Configuration).Resolve();
        if (request.All && request.Target is null && request.ListSteps) throw new FleetUsageException("--list-steps needs a target");
        var targets = TargetsDirectory.Load(settings.TargetsConfigDir);
        if (request.All) return await RunAllAsync(request, settings, targets, cancellationToken).ConfigureAwait(false);
        if (request.Target is null)
            throw new FleetUsageException($"name a target to ensure (targets: {string.Join(", ", targets.Names)}), or use --all for every workload of a control room");

        var target = targets.Resolve(request.Target);
        var pipeline = Pipelines.For(target, request.Install);
        if (request.ListSteps)
        {
            if (settings.Output == OutputFormat.Json)
                await output.WriteLineAsync(Presenter.Write(new JsonArray([.. pipeline.Select(s => (JsonNode?)new JsonObject { ["step"] = s.Name, ["description"] = s.Description })]))).ConfigureAwait(false);
            else
                foreach (var (step, i) in pipeline.Select((s, i) => (s, i)))
                    await output.WriteLineAsync($"{i + 1}. {step.Name,-20} {step.Description}").ConfigureAwait(false);
            return 0;
        }
        var options = Options(request);
        var steps = Select(pipeline, options, target.Name);
        var room = target as ControlRoomTarget ?? targets.ControlRoomOf((WorkloadTarget)target);

        var interactive = console.Profile.Capabilities.Interactive && settings.Output == OutputFormat.Text;
        EnsureReport report;
        if (!options.DryRun && !request.AutoApprove)
        {
            // Plan first; changes are applied only once approved (a terminal asks, anything else needs --auto-approve).
            var plan = await RunOneAsync(target, room, steps, settings, request, options with { DryRun = true }, null, cancellationToken).ConfigureAwait(false);
            if (plan.Failed) return Finish(plan, settings, null);
            if (plan.HasChanges)
            {
                Presenter.WritePlan(output, plan);
                if (!interactive)
                {
                    await error.WriteLineAsync($"error: {target.Name} has changes to apply and nothing approved them: rerun with --auto-approve (or --dry-run to only see the plan)").ConfigureAwait(false);
                    return 1;
                }
                if (!await console.ConfirmAsync("Apply these changes?", defaultValue: false, cancellationToken).ConfigureAwait(false))
                {
                    await error.WriteLineAsync("Nothing applied.").ConfigureAwait(false);
                    return 1;
                }
            }
        }

        if (interactive)
        {
            var live = new LiveProgress(steps, _time);
            EnsureReport? result = null;
            await live.RunAsync(console, async () => result = await RunOneAsync(target, room, steps, settings, request, options, live, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            report = result!;
        }
        else
        {
            var progress = settings.Output == OutputFormat.Text ? new LineProgress(output, prefixTarget: false) : null;
            report = await RunOneAsync(target, room, steps, settings, request, options, progress, cancellationToken).ConfigureAwait(false);
        }
        return Finish(report, settings, new OutputsBook(settings.StateDir, target.Name).All());
    }

    private int Finish(EnsureReport report, FleetSettings settings, IReadOnlyDictionary<string, JsonNode?>? outputs)
    {
        if (settings.Output == OutputFormat.Json)
        {
            output.WriteLine(Presenter.Write(Presenter.ToJson(report, outputs)));
        }
        else
        {
            if (report.DryRun && report.Steps.Any(s => s.Plan is not null)) Presenter.WritePlan(output, report);
            Presenter.WriteSteps(console, report);
        }
        Presenter.WriteFailure(error, report);
        return report.ExitCode;
    }

    private async Task<int> RunAllAsync(EnsureRequest request, FleetSettings settings, TargetsDirectory targets, CancellationToken cancellationToken)
    {
        if (!request.DryRun && !request.AutoApprove)
            throw new FleetUsageException("ensure --all applies many workloads at once: pass --auto-approve, or --dry-run to see their plans");
        var roomName = request.Target ?? (targets.ControlRooms.Count == 1 ? targets.ControlRooms[0].Name
            : throw new FleetUsageException($"name the control room whose workloads to ensure (control rooms: {string.Join(", ", targets.ControlRooms.Select(c => c.Name))})"));
        if (targets.Resolve(roomName) is not ControlRoomTarget room)
            throw new FleetUsageException($"{roomName} is a workload; --all takes a control room");
        var workloads = targets.WorkloadNamesOf(room.Name);
        var options = Options(request);
        var progress = settings.Output == OutputFormat.Text ? new LineProgress(output, prefixTarget: true) : null;
        using var gate = new SemaphoreSlim(settings.Concurrency);
        var started = _time.GetTimestamp();
        var runs = workloads.Select(async name =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var begun = _time.GetTimestamp();
            try
            {
                EnsureReport report;
                try
                {
                    var target = targets.Resolve(name);
                    report = await RunOneAsync(target, room, Select(Pipelines.For(target, request.Install), options, name), settings, request, options, progress, cancellationToken).ConfigureAwait(false);
                }
                catch (TargetsException e)
                {
                    // A workload whose files are broken fails alone; the others go on.
                    report = new EnsureReport(name, options.DryRun, options.Destroy, [new StepReport("load", StepState.Failed, TimeSpan.Zero, null, e.Message.ReplaceLineEndings("; "))]);
                }
                return (report, elapsed: _time.GetElapsedTime(begun));
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(runs).ConfigureAwait(false);

        var exit = results.Any(r => r.report.Failed) ? 1 : options.DryRun && results.Any(r => r.report.HasChanges) ? 2 : 0;
        if (settings.Output == OutputFormat.Json)
        {
            await output.WriteLineAsync(Presenter.Write(new JsonObject
            {
                ["controlRoom"] = room.Name,
                ["exitCode"] = exit,
                ["workloads"] = new JsonArray([.. results.Select(r => (JsonNode?)Presenter.ToJson(r.report, null))]),
            })).ConfigureAwait(false);
        }
        else
        {
            if (options.DryRun)
                foreach (var (report, _) in results.Where(r => r.report.HasChanges)) Presenter.WritePlan(output, report);
            var table = new Table().Border(TableBorder.Simple).AddColumns("Workload", "Result", "Changes", "Failed step", "Duration");
            foreach (var (report, elapsed) in results)
                table.AddRow(Markup.Escape(report.Target), report.Failed ? "[red]failed[/]" : report.DryRun ? (report.HasChanges ? "changes" : "up to date") : "ok",
                    Markup.Escape(string.Join("; ", report.Steps.Where(s => s.Plan?.HasChanges == true).Select(s => $"{s.Step}: {Presenter.ChangeSummary(s.Plan)}")) is { Length: > 0 } c ? c : "-"),
                    Markup.Escape(report.FailedStep?.Step ?? "-"), Presenter.Seconds(elapsed));
            console.Write(table);
            console.WriteLine($"{results.Length} workload(s) of {room.Name}: {results.Count(r => !r.report.Failed)} ok, {results.Count(r => r.report.Failed)} failed, in {Presenter.Seconds(_time.GetElapsedTime(started))} (concurrency {settings.Concurrency})");
        }
        foreach (var (report, _) in results) Presenter.WriteFailure(error, report);
        return exit;
    }

    private async Task<EnsureReport> RunOneAsync(Target target, ControlRoomTarget room, IReadOnlyList<IStep> steps, FleetSettings settings, EnsureRequest request,
        EnsureOptions options, IEnsureProgress? progress, CancellationToken cancellationToken)
    {
        TargetConnection connection;
        try
        {
            connection = await TargetConnection.OpenAsync(target, room, request.Kinds, request.DefaultKubeconfig, cancellationToken).ConfigureAwait(false);
        }
        catch (StepFailedException e)
        {
            var first = steps.Count > 0 ? steps[0].Name : "connect";
            return new EnsureReport(target.Name, options.DryRun, options.Destroy, [new StepReport(first, StepState.Failed, TimeSpan.Zero, null, e.Message), .. steps.Skip(1).Select(s => new StepReport(s.Name, StepState.Pending, TimeSpan.Zero, null))]);
        }
        using (connection)
        {
            var context = new StepContext
            {
                Target = target,
                ControlRoom = room,
                ControlPlane = connection.ControlPlane,
                Cluster = connection.Cluster,
                ClusterIsReal = connection.ClusterIsReal,
                Outputs = new OutputsBook(settings.StateDir, target.Name),
                ReadyTimeout = settings.ReadyTimeout,
                Time = _time,
            };
            return await new EnsureRunner(_time).RunAsync(target.Name, steps, context, options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    private static EnsureOptions Options(EnsureRequest request) =>
        new() { DryRun = request.DryRun, Only = request.Only, From = request.From, Destroy = request.Destroy };

    private static IReadOnlyList<IStep> Select(IReadOnlyList<IStep> pipeline, EnsureOptions options, string target)
    {
        try
        {
            return StepSelection.Select(pipeline, options, target);
        }
        catch (UnknownStepException e)
        {
            throw new FleetUsageException(e.Message);
        }
    }
}
