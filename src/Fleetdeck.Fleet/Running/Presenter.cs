using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spectre.Console;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Running;

/// <summary>How ensure's results print: the plan with diffs, the step table, the failure and how to resume, or JSON.</summary>
internal static class Presenter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Seconds(TimeSpan d) => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    public static string StateText(StepReport report) => report.State switch
    {
        StepState.Planned => "changes planned",
        StepState.Unchanged => "no changes",
        StepState.Done => "done",
        StepState.Skipped => "skipped",
        StepState.Failed => "failed",
        _ => "not run",
    };

    public static string ChangeSummary(StepPlan? plan)
    {
        if (plan is null) return "";
        var create = plan.Changes.Count(c => c.Action == ChangeAction.Create);
        var update = plan.Changes.Count(c => c.Action == ChangeAction.Update);
        var delete = plan.Changes.Count(c => c.Action == ChangeAction.Delete);
        return create + update + delete == 0 ? "-" : string.Join(", ", new[] { (create, "create"), (update, "change"), (delete, "delete") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} to {p.Item2}"));
    }

    /// <summary>Every object that would be created, changed (with its diff) or deleted, step by step, and the totals.</summary>
    public static void WritePlan(TextWriter output, EnsureReport report)
    {
        output.WriteLine($"Plan for {report.Target}{(report.Destroy ? " (destroy)" : "")}:");
        foreach (var step in report.Steps.Where(s => s.Plan is not null))
        {
            var plan = step.Plan!;
            var changes = plan.Changes.Where(c => c.Action != ChangeAction.Unchanged).ToList();
            var unchanged = plan.Changes.Count - changes.Count;
            output.WriteLine($"  {step.Step}:{(changes.Count == 0 ? $" no changes{(unchanged > 0 ? $" ({unchanged} object{(unchanged == 1 ? "" : "s")} up to date)" : "")}" : "")}");
            foreach (var note in plan.Notes) output.WriteLine($"    # {note}");
            foreach (var change in changes)
            {
                var mark = change.Action switch { ChangeAction.Create => "+", ChangeAction.Update => "~", _ => "-" };
                output.WriteLine($"    {mark} {change.Action.ToString().ToLowerInvariant()} {change.Object}");
                if (change.Diff is { } diff)
                    foreach (var line in diff.TrimEnd('\n').Split('\n')) output.WriteLine($"        {line}");
            }
        }
        var all = report.Steps.Where(s => s.Plan is not null).SelectMany(s => s.Plan!.Changes).ToList();
        var creates = all.Count(c => c.Action == ChangeAction.Create);
        var updates = all.Count(c => c.Action == ChangeAction.Update);
        var deletes = all.Count(c => c.Action == ChangeAction.Delete);
        output.WriteLine(creates + updates + deletes == 0 ? "No changes." : $"Plan: {creates} to create, {updates} to change, {deletes} to delete.");
    }

    public static void WriteSteps(IAnsiConsole console, EnsureReport report)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("Step", "State", "Duration", "Changes");
        foreach (var step in report.Steps)
            table.AddRow(Markup.Escape(step.Step), Markup.Escape(StateText(step)), Seconds(step.Duration), Markup.Escape(ChangeSummary(step.Plan)));
        console.Write(table);
    }

    public static void WriteFailure(TextWriter error, EnsureReport report)
    {
        if (report.FailedStep is not { } failed) return;
        error.WriteLine($"error: {report.Target}: step {failed.Step} failed: {failed.Error}");
        error.WriteLine($"  fix the cause, then resume with: {report.Resume}");
    }

    public static JsonObject ToJson(EnsureReport report, IReadOnlyDictionary<string, JsonNode?>? outputs)
    {
        var node = new JsonObject
        {
            ["target"] = report.Target,
            ["dryRun"] = report.DryRun,
            ["destroy"] = report.Destroy,
            ["exitCode"] = report.ExitCode,
            ["hasChanges"] = report.HasChanges,
            ["steps"] = new JsonArray([.. report.Steps.Select(s => (JsonNode?)new JsonObject
            {
                ["step"] = s.Step,
                ["state"] = JsonNamingPolicy.CamelCase.ConvertName(s.State.ToString()),
                ["durationSeconds"] = Math.Round(s.Duration.TotalSeconds, 3),
                ["changes"] = new JsonArray([.. (s.Plan?.Changes ?? []).Select(c => JsonSerializer.SerializeToNode(c, Json))]),
                ["notes"] = new JsonArray([.. (s.Plan?.Notes ?? []).Select(n => (JsonNode?)n)]),
                ["error"] = s.Error,
            })]),
        };
        if (report.Resume is { } resume) node["resume"] = resume;
        if (outputs is not null)
        {
            var o = new JsonObject();
            foreach (var (key, value) in outputs) o[key] = value?.DeepClone();
            node["outputs"] = o;
        }
        return node;
    }

    public static string Write(JsonNode node) => node.ToJsonString(Json);
}
