using Spectre.Console;
using Fleetdeck.Bench;

// Usage: dotnet run -c Release --project bench/Fleetdeck.Bench -- [suite|all] [--runs N] [--sites N] [--steady-seconds N] [--soak-seconds N]
// Each suite is one class; "all" runs them in this order.
var suites = new (string Name, Func<string, int, Task<IReadOnlyList<Result>>> Run, int RssLimitMb)[]
{
    ("store", async (dir, runs) => await new StoreBenchmark(dir, runs).RunAsync(), 300),
    ("runtime", async (dir, runs) => await new RuntimeBenchmark(dir, runs).RunAsync(), 300),
    ("databases", async (dir, runs) => await new DatabaseBenchmark(dir, runs).RunAsync(), 300),
    ("rollouts", async (dir, runs) => await new RolloutBenchmark(dir, runs).RunAsync(), 500),
    ("kubernetes", async (dir, runs) => await new KubernetesBenchmark(dir, runs).RunAsync(), 300),
    ("fleet", async (dir, runs) => await new FleetBenchmark(dir, runs).RunAsync(), 600),
    ("orgs-api", async (dir, runs) => await new OrgsApiBenchmark(dir, runs, TimeSpan.FromSeconds(Flag("--soak-seconds", 300))).RunAsync(), 300),
    // 1,000 Sites in memory: 600 MB.
    ("team", async (dir, runs) => await new TeamBenchmark(dir, runs, Flag("--sites", 1000), TimeSpan.FromSeconds(Flag("--steady-seconds", 60))).RunAsync(), 600),
};
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var runs = Flag("--runs", 3);
var chosen = suites.Where(s => suite == "all" || s.Name == suite).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"unknown suite '{suite}': one of {string.Join(", ", suites.Select(s => s.Name))}, all");
    return 1;
}
var workDir = Path.Combine(Path.GetTempPath(), $"fleetdeck-bench-{Environment.ProcessId}");
Directory.CreateDirectory(workDir);
try
{
    var results = new List<Result>();
    foreach (var s in chosen) results.AddRange(await s.Run(workDir, runs));
    var rssLimit = chosen.Max(s => s.RssLimitMb);
    results.Add(new Result("peak RSS", $"{Measure.PeakRssMb():0} MB", $"<= {rssLimit} MB", Measure.PeakRssMb() <= rssLimit, "whole benchmark process"));

    var table = new Table().AddColumns("figure", "median", "target", "met", "notes");
    foreach (var r in results)
        table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Value), Markup.Escape(r.Target), r.Met switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "-" }, Markup.Escape(r.Note));
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine($"[grey]{Environment.ProcessorCount} cores, {runs} runs per figure, median shown; .NET {Environment.Version}[/]");
    return 0;
}
finally
{
    Directory.Delete(workDir, recursive: true);
}

int Flag(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);
