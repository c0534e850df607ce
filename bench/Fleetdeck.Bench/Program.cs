using Spectre.Console;
using Fleetdeck.Bench;

// Usage: dotnet run -c Release --project bench/Fleetdeck.Bench -- [store|runtime|rollouts|orgs-api|all] [--runs N] [--soak-seconds N]
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(3);
var workDir = Path.Combine(Path.GetTempPath(), $"fleetdeck-bench-{Environment.ProcessId}");
Directory.CreateDirectory(workDir);
try
{
    var results = new List<Result>();
    if (suite is "store" or "all") results.AddRange(await new StoreBenchmark(workDir, runs).RunAsync());
    if (suite is "runtime" or "all") results.AddRange(await new RuntimeBenchmark(workDir, runs).RunAsync());
    if (suite is "rollouts" or "all") results.AddRange(await new RolloutBenchmark(workDir, runs).RunAsync());
    if (suite is "orgs-api" or "all") results.AddRange(await new OrgsApiBenchmark(workDir, runs, TimeSpan.FromSeconds(args.SkipWhile(a => a != "--soak-seconds").Skip(1).Select(int.Parse).FirstOrDefault(300))).RunAsync());
    var rssLimit = suite == "rollouts" ? 500 : 300;
    results.Add(new Result("peak RSS", $"{Measure.PeakRssMb():0} MB", $"<= {rssLimit} MB", Measure.PeakRssMb() <= rssLimit, "whole benchmark process"));

    var table = new Table().AddColumns("figure", "median", "target", "met", "notes");
    foreach (var r in results)
        table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Value), Markup.Escape(r.Target), r.Met switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "-" }, Markup.Escape(r.Note));
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine($"[grey]{Environment.ProcessorCount} cores, {runs} runs per figure, median shown; .NET {Environment.Version}[/]");
}
finally
{
    Directory.Delete(workDir, recursive: true);
}
