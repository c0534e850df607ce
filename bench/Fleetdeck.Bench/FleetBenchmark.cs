using System.Diagnostics;
using System.Globalization;
using Fleetdeck.Databases;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Fleet.Targets;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator;

namespace Fleetdeck.Bench;

/// <summary>
/// The fleet CLI: reading and validating a targets directory of 500 workloads; then, on an embedded control plane with a
/// real PostgreSQL, <c>ensure --all</c> of 20 workloads from empty (4 at a time, everything Ready) and the dry run that
/// follows (nothing to change: exit 0), through the CLI as a user runs it.
/// </summary>
internal sealed class FleetBenchmark(string workDir, int runs)
{
    private const int LoadWorkloads = 500;
    private const int EnsureWorkloads = 20;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var load = new List<double>();
        var targets = Path.Combine(workDir, "fleet-load");
        Write(targets, LoadWorkloads, stateDir: "unused", adminUrlFile: null);
        TargetsDirectory.Load(targets); // warm up
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var loaded = TargetsDirectory.Load(targets);
            load.Add(watch.Elapsed.TotalMilliseconds);
            if (loaded.Workloads.Count != LoadWorkloads) throw new InvalidOperationException("not every workload loaded");
        }

        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = Path.Combine(workDir, "fleet-pg"),
            SuperuserPassword = "bench-" + Guid.NewGuid().ToString("N"),
            Settings = new Dictionary<string, string> { ["max_connections"] = "300" },
        });
        var apply = new List<double>();
        var dryRun = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var state = Path.Combine(workDir, $"fleet-state-{run}");
            await using var host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
            {
                StateDirectory = state,
                KubePort = 0,
                ApiPort = 0,
                MetricsPort = 0,
                Modules = [new DatabasesModule(null), TeamOperatorModule.Embedded(null)],
            });
            await host.WaitUntilReadyAsync(CancellationToken.None);
            var dir = Path.Combine(workDir, $"fleet-targets-{run}");
            var urlFile = Path.Combine(workDir, $"admin-url-{run}");
            await File.WriteAllTextAsync(urlFile, cluster.AdminUrl);
            Write(dir, EnsureWorkloads, state, urlFile, prefix: $"r{run}-");
            string[] common = ["ensure", "--targets-config-dir", dir, "--state-dir", Path.Combine(workDir, $"fleet-outputs-{run}"), "--ready-timeout", "300s"];
            await Cli([.. common, "ctrl01", "--auto-approve"], 0);
            apply.Add(await Cli([.. common, "--all", "ctrl01", "--auto-approve", "--concurrency", "4"], 0));
            dryRun.Add(await Cli([.. common, "--all", "ctrl01", "--dry-run", "--concurrency", "4"], 0));
            Console.Error.WriteLine($"fleet run {run + 1}: ensure --all {apply[^1]:0.0} s, dry run {dryRun[^1]:0.0} s");
        }
        await cluster.StopAsync(immediate: true);

        return
        [
            new($"load and validate {LoadWorkloads} workloads", $"{Measure.Median(load):0} ms", "<= 2000 ms", Measure.Median(load) <= 2000, Runs(load, "ms")),
            new($"ensure --all, {EnsureWorkloads} workloads from empty", $"{Measure.Median(apply):0.0} s", "-", null, Runs(apply, "s") + "; 4 at a time, every Site and database Ready"),
            new($"ensure --all --dry-run, {EnsureWorkloads} up to date", $"{Measure.Median(dryRun):0.0} s", "<= 10 s", Measure.Median(dryRun) <= 10, Runs(dryRun, "s") + "; exit 0, nothing to change"),
        ];
    }

    private static async Task<double> Cli(string[] args, int expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var watch = Stopwatch.StartNew();
        var code = await Fleetdeck.Cli.FleetdeckCli.RunAsync(args, output, error);
        if (code != expected) throw new InvalidOperationException($"fleetdeck {string.Join(' ', args)}: exit {code}\n{output}\n{error}");
        return watch.Elapsed.TotalSeconds;
    }

    private static void Write(string dir, int workloads, string stateDir, string? adminUrlFile, string prefix = "w")
    {
        Directory.CreateDirectory(Path.Combine(dir, "__ctrl__", "ctrl01"));
        File.WriteAllText(Path.Combine(dir, "__ctrl__", "ctrl01", "fleetdeck.yaml"), $"""
            apiVersion: fleet.fleetdeck.dev/v1alpha1
            kind: ControlRoom
            spec:
              controlPlane:
                stateDir: {stateDir}
            {(adminUrlFile is null ? "" : $"  postgres:\n    urlFrom:\n      file: {adminUrlFile}\n")}
            """);
        for (var i = 0; i < workloads; i++)
        {
            var name = $"{prefix}{i.ToString(CultureInfo.InvariantCulture)}";
            Directory.CreateDirectory(Path.Combine(dir, "__work__", name));
            File.WriteAllText(Path.Combine(dir, "__work__", name, "fleetdeck.yaml"), $"""
                apiVersion: fleet.fleetdeck.dev/v1alpha1
                kind: Workload
                spec:
                  controlRoom: ctrl01
                  domain: {name}.example.com
                  products: [connect]
                  database:
                    sizeGi: 5
                """);
        }
    }

    private static string Runs(IEnumerable<double> values, string unit) =>
        "runs: " + string.Join(", ", values.Select(v => v.ToString(unit == "ms" ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + unit));
}
