using System.CommandLine;
using Spectre.Console;
using Fleetdeck.Cli.Client;
using Fleetdeck.Core.Objects;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck rollout status APP [--target T] [--watch]</c>: incarnations, states and weights per cluster.</summary>
internal static class RolloutStatusCommand
{
    public static Command Create()
    {
        var app = new Argument<string>("app") { Description = "The app (spec.app.name of its Revisions)" };
        var target = RolloutCommand.TargetOption();
        var watch = new Option<bool>("--watch", "-w") { Description = "Print again every 2 seconds until Ctrl-C" };
        var ns = GlobalOptions.Namespace();
        var command = new Command("status", "Show a rollout: each revision's state, traffic and ready replicas per cluster") { app, target, watch, ns };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = ClientStore.Open(parse.GetValue(GlobalOptions.Kubeconfig));
            var namespaceName = parse.GetValue(ns) ?? client.DefaultNamespace;
            while (true)
            {
                var rms = await RolloutCommand.FindAsync(client.Store, namespaceName, parse.GetValue(app)!, parse.GetValue(target), ct);
                foreach (var rm in rms) Print(context.Console, rm);
                if (!parse.GetValue(watch)) return 0;
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                context.Console.WriteLine();
            }
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, ReleaseManager rm)
    {
        var flags = new List<string>();
        if (rm.Paused) flags.Add("paused");
        if (rm.PromotedTag is { } promoted) flags.Add($"promoted {promoted}");
        console.WriteLine($"{rm.Spec.App} on {rm.Spec.Target} (fleet {rm.Spec.Fleet}){(flags.Count > 0 ? $" [{string.Join(", ", flags)}]" : "")}");
        var clusters = rm.Status.Clusters?.Select(c => c.Name).ToList() ?? [];
        var table = new Table().Border(TableBorder.None).AddColumns("TAG", "STATE", "WEIGHT", "PEAK", "READY");
        foreach (var c in clusters) table.AddColumn(c.ToUpperInvariant());
        table.AddColumn("ALERTS");
        foreach (var inc in Enumerable.Reverse(rm.Status.Revisions))
        {
            var cells = new List<string> { inc.Tag, inc.State.Current, $"{inc.CurrentPercent}%", $"{inc.PeakPercent}%", $"{inc.Scale.Current}/{inc.Scale.Desired}" };
            foreach (var c in clusters)
                cells.Add(inc.Clusters?.FirstOrDefault(x => x.Name == c) is { } entry ? $"{entry.Weight}% {entry.Ready}/{entry.Desired}" : "-");
            cells.Add(inc.TriggeredAlerts is { Count: > 0 } alerts ? string.Join(",", alerts) : "");
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        console.Write(table);
        foreach (var cluster in rm.Status.Clusters?.Where(c => !c.Reachable) ?? [])
            console.WriteLine($"  cluster {cluster.Name} unreachable: {cluster.Message}");
        if (rm.Status.Find(Conditions.Ready) is { Status: not Conditions.True } ready)
            console.WriteLine($"  not ready ({ready.Reason}): {ready.Message}");
    }
}
