using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.Bench;

/// <summary>
/// The team operator at fleet scale, in <c>fleetdeck up</c>'s host: 1,000 Sites with every product on, applied at once,
/// timed until all are Ready (workloads simulated, 2 s rollouts); then a minute of steady state with resyncs, counting
/// writes; peak RSS; and the render time of one full Site. Databases are not provisioned here (3,000 real
/// CREATE DATABASEs are the provisioner's benchmark): a stand-in marks each PostgresDatabase Ready as it appears.
/// </summary>
internal sealed class TeamBenchmark(string workDir, int runs, int sites = 1000, TimeSpan? steady = null)
{
    private readonly TimeSpan _steady = steady ?? TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var render = RenderTimes();
        var toReady = new List<double>();
        var steadyWrites = new List<double>();
        var writesToReady = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (ready, writes, total) = await FleetAsync(run);
            toReady.Add(ready);
            steadyWrites.Add(writes);
            writesToReady.Add(total);
        }
        var renderMedian = Measure.Median(render);
        return
        [
            new($"{sites:N0} Sites to all Ready (simulated)", $"{Measure.Median(toReady):0.0} s", "<= 60 s", Measure.Median(toReady) <= 60, $"runs: {string.Join(", ", toReady.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} s; 2 s simulated rollouts"),
            new("store writes to get there", $"{Measure.Median(writesToReady):N0}", "-", null, $"~{Measure.Median(writesToReady) / sites:0} per Site"),
            new($"writes in {_steady.TotalSeconds:0} s of steady state", $"{Measure.Median(steadyWrites):0}", "0", Measure.Median(steadyWrites) == 0, "3 forced resyncs of every informer included"),
            new("render of one full Site", $"{renderMedian:0.00} ms", "<= 5 ms", renderMedian <= 5, "examples/sites/full.yaml, every object, median of 200"),
        ];
    }

    private static List<double> RenderTimes()
    {
        var kinds = KindRegistry.CreateDefault();
        TeamKinds.AddTo(kinds);
        var file = Path.Combine(RepositoryRoot(), "examples", "sites", "full.yaml");
        var document = ManifestLoader.Load(file).Single();
        var renderer = new TeamRenderer(kinds, PlaceholderInputs.Instance);
        var times = new List<double>();
        for (var i = 0; i < 250; i++)
        {
            var site = new ObjectDecoder(kinds).Decode(document).Object;
            var started = Stopwatch.GetTimestamp();
            var objects = renderer.Render(site, RenderDefaults.Database);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (objects.Count < 70) throw new InvalidOperationException($"a full Site renders {objects.Count} objects");
            if (i >= 50) times.Add(elapsed); // after warm-up
        }
        return times;
    }

    private async Task<(double Seconds, long SteadyWrites, long Writes)> FleetAsync(int run)
    {
        await using var host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = Path.Combine(workDir, $"team-{run}"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = [TeamOperatorModule.Embedded(new ManagedDatabase()), new DatabaseStandIn()],
            Loggers = NullLoggerFactory.Instance,
        });
        await host.WaitUntilReadyAsync(CancellationToken.None);
        var store = host.Store;
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "posit-team" } });

        var started = Stopwatch.GetTimestamp();
        var startWrites = store.CommittedWrites;
        await Parallel.ForEachAsync(Enumerable.Range(0, sites), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var site = new Site { Metadata = new V1ObjectMeta { Name = $"site-{i:D4}", NamespaceProperty = "posit-team" } };
            site.Spec.Domain = $"site-{i:D4}.example.com";
            site.Spec.Chronicle = new SiteChronicleSpec { AgentImage = "ghcr.io/rstudio/chronicle-agent:2025.01.0" };
            await store.CreateAsync(site, ct);
        });

        var deadline = TimeSpan.FromMinutes(10);
        while (true)
        {
            var list = await store.ListAsync<Site>(new ListOptions { Namespace = "posit-team" });
            var ready = list.Count(s => s.IsReady());
            if (ready == sites) break;
            if (Stopwatch.GetElapsedTime(started) > deadline)
                throw new TimeoutException($"{ready}/{sites} Sites Ready after {deadline.TotalMinutes} minutes");
            await Task.Delay(250);
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var writes = store.CommittedWrites - startWrites;
        if (Environment.GetEnvironmentVariable("FLEETDECK_BENCH_PROFILE") == "1")
        {
            Console.Error.WriteLine($"cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s over {seconds:0.0} s wall");
            foreach (var c in host.Manager.Controllers)
            {
                var h = host.Manager.Metrics.Duration.WithLabels(c.Name);
                Console.Error.WriteLine($"{c.Name,-24} {h.Count,8} reconciles {h.Sum,8:0.0} s  {h.Sum / Math.Max(1, h.Count) * 1000,6:0.0} ms avg");
            }
        }

        // Let stragglers settle (statuses that follow the last Ready), then count.
        await WaitIdleAsync(host.Manager);
        var before = store.CommittedWrites;
        var steadyStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3; i++)
        {
            host.Manager.ResyncNow();
            await Task.Delay(_steady / 3);
        }
        await WaitIdleAsync(host.Manager);
        var steadyWrites = store.CommittedWrites - before;
        _ = steadyStart;
        return (seconds, steadyWrites, writes);
    }

    private static async Task WaitIdleAsync(ControllerManager manager)
    {
        for (var quiet = 0; quiet < 4;)
        {
            await Task.Delay(250);
            quiet = manager.IsIdle ? quiet + 1 : 0;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fleetdeck.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    private sealed class ManagedDatabase : IMainDatabaseFallback
    {
        public string? AdminUrl => "postgres://fleetdeck:bench@127.0.0.1:5432/postgres";
    }

    /// <summary>NOT the database provisioner: marks PostgresDatabases Ready so that this benchmark measures the team operator.</summary>
    private sealed class DatabaseStandIn : IControlPlaneModule
    {
        public string Name => "database-stand-in";

        public void RegisterKinds(KindRegistry kinds)
        {
        }

        public void AddControllers(ControllerManager manager) =>
            manager.NewController("database-stand-in").For<PostgresDatabase>().OnGenerationChange().WithMaxConcurrency(4).Complete(context => new StandIn(context));

        private sealed class StandIn(ControllerContext context) : IReconciler
        {
            public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
            {
                var db = context.Cache.Get<PostgresDatabase>(context.Kinds, key.Namespace, key.Name);
                if (db is null) return ReconcileResult.Done;
                db.Status.ObservedGeneration = db.Metadata.Generation;
                db.Status.Set(Conditions.Ready, true, "StandIn", "marked Ready by the benchmark's stand-in", db.Metadata.Generation, context.Time.GetUtcNow());
                await context.Applier.ApplyStatusAsync(db, cancellationToken);
                return ReconcileResult.Done;
            }
        }
    }
}
