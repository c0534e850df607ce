using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Rollouts;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Traffic;

namespace Fleetdeck.Bench;

/// <summary>
/// 200 apps × 3 targets × 5 simulated clusters: v1 everywhere, then v2 for every app at once, ramping from v1 with the
/// default geometric ramp (10, 20, 40, 80, 100 every 10 s): time until every ReleaseManager has v2 released, against what
/// the ramp itself needs (pods ready + 4 delays); ReleaseManager ticks per second and CPU per tick (process CPU over
/// ticks, an upper bound) during the v2 release.
/// </summary>
internal sealed class RolloutBenchmark(string workDir, int runs)
{
    private const int Apps = 200;
    private static readonly string[] Targets = ["production", "staging", "canary"];
    private const int Clusters = 5;
    private static readonly TimeSpan ReadyAfter = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var settings = ReleaseSettings.From(new ReleaseSpec());
        var needed = ReadyAfter + settings.Delay * (RampStep.Steps(settings).Count - 1);
        var all = new List<Run>();
        for (var run = 0; run < runs; run++) all.Add(await RunOnceAsync(workDir, run));
        double Median(Func<Run, double> figure) => Measure.Median(all.Select(figure).ToList());
        var totals = all.Select(r => r.Elapsed.TotalSeconds).ToList();
        var ratio = Median(r => r.Elapsed / needed);
        var cpuPerTick = Median(r => r.Cpu.TotalMilliseconds / r.Ticks);
        return
        [
            new("600 releases (200 apps × 3 targets × 5 clusters) to 100%", $"{Measure.Median(totals):0.0} s", $"<= {needed.TotalSeconds * 1.1:0.0} s", ratio <= 1.1,
                $"ramp needs {needed.TotalSeconds:0} s (pods ready {ReadyAfter.TotalSeconds:0} s + 4 × {settings.Delay.TotalSeconds:0} s); runs: " + string.Join(", ", totals.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))),
            new("  time over the ramp's own", $"{(ratio - 1) * 100:+0.0;-0.0}%", "<= +10%", ratio <= 1.1),
            new("  creating the 200 v2 Revisions", $"{Median(r => r.CreateSeconds):0.00} s", "-", null, "8 at a time, while the engine runs"),
            new("  releasing -> released", $"{Median(r => r.RampSeconds):0} s", "-", null,
                $"median over the ReleaseManagers; the ramp's delays are {(settings.Delay * (RampStep.Steps(settings).Count - 1)).TotalSeconds:0} s (status times are whole seconds)"),
            new("ReleaseManager ticks per second", $"{Median(r => r.Ticks / r.Elapsed.TotalSeconds):0}", "-", null, "reconciles of the ReleaseManager controller"),
            new("CPU per ReleaseManager tick", $"{cpuPerTick:0.00} ms", "<= 5 ms", cpuPerTick <= 5,
                "process CPU (all threads, SQLite, GC) / ticks: an upper bound"),
            new("allocated per ReleaseManager tick", $"{Median(r => r.AllocatedBytes / r.Ticks / 1024):0} KB", "-", null, "all threads / ticks, as CPU per tick"),
        ];
    }

    /// <summary>One run's figures: the v2 release as a whole, its ticks, CPU and allocation, and where its time went.</summary>
    private sealed record Run(TimeSpan Elapsed, double Ticks, TimeSpan Cpu, long AllocatedBytes, double CreateSeconds, double RampSeconds);

    private static async Task<Run> RunOnceAsync(string workDir, int run)
    {
        await using var store = SqliteObjectStore.Open(Path.Combine(workDir, $"rollouts-{run}.db"), RolloutsModule.Register(KindRegistry.CreateDefault()));
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
        for (var c = 0; c < Clusters; c++)
            await store.CreateAsync(new Cluster
            {
                Metadata = new V1ObjectMeta { Name = $"c{c}", NamespaceProperty = "bench", Labels = new Dictionary<string, string> { [RolloutsGroup.FleetLabel] = "fleet" } },
                Spec = new ClusterSpec { Enabled = true, Simulated = new SimulatedClusterSpec { ReadyAfter = "1s" } },
            });

        var module = new RolloutsModule(new RolloutOptions { ObservePeriod = TimeSpan.FromSeconds(1), MaxConcurrentReleaseManagers = 8 });
        var registry = Prometheus.Metrics.NewCustomRegistry();
        module.Metrics.Bind(registry);
        var manager = new ControllerManager(store, new ManagerOptions { Informers = new InformerOptions { ResyncPeriod = null } }, registry: registry);
        module.AddControllers(manager);
        using var stop = new CancellationTokenSource();
        var running = manager.RunAsync(stop.Token);
        await manager.Started;

        // v1 first: a sole incarnation takes all traffic at once (nothing else serves), so it does not ramp.
        await Parallel.ForEachAsync(Enumerable.Range(0, Apps), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.CreateAsync(Revision(i, "v1"), ct));
        var total = Apps * Targets.Length;
        await AllReleasedAsync(store, "v1", total, TimeSpan.FromMinutes(5));

        // v2 for every app at once: each ramps from v1 by the default geometric steps, which is what is timed.
        var ticksBefore = Ticks(manager);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Apps), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.CreateAsync(Revision(i, "v2"), ct));
        var created = started.Elapsed.TotalSeconds;
        await AllReleasedAsync(store, "v2", total, TimeSpan.FromMinutes(5));
        var elapsed = started.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var ticks = Ticks(manager) - ticksBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var v2 = (await store.ListAsync<ReleaseManager>(ListOptions.InNamespace("bench"))).Select(rm => rm.Status.Revisions.Single(r => r.Tag == "v2")).ToList();
        double Since(DateTime? from, DateTime? to) => from is { } f && to is { } t ? (t - f).TotalSeconds : double.NaN;
        var ramp = Measure.Median(v2.Select(r => Since(r.ReleaseStartTimestamp, r.ReleasedTimestamp)).ToList());
        await stop.CancelAsync();
        await running;
        await manager.DisposeAsync();
        module.Clients?.Dispose();
        return new Run(elapsed, ticks, cpu, allocated, created, ramp);
    }

    private static double Ticks(ControllerManager manager) =>
        manager.Metrics.Reconciles.WithLabels("rollouts-releasemanagers", "requeue_after").Value
        + manager.Metrics.Reconciles.WithLabels("rollouts-releasemanagers", "success").Value;

    /// <summary>Waits until every ReleaseManager shows <paramref name="tag"/> Released (its peak percent reached 100).</summary>
    private static async Task AllReleasedAsync(IObjectStore store, string tag, int total, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var managers = await store.ListAsync<ReleaseManager>(ListOptions.InNamespace("bench"));
            var released = managers.Count(rm => rm.Status.Revisions.Any(r => r.Tag == tag && r.State.Current == Rollouts.StateMachine.IncarnationStates.Name(Rollouts.StateMachine.IncarnationState.Released)));
            if (released == total) return;
            if (clock.Elapsed > timeout) throw new TimeoutException($"only {released} of {total} ReleaseManagers have {tag} released after {timeout.TotalMinutes} minutes");
            await Task.Delay(250);
        }
    }

    private static Revision Revision(int i, string tag) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"app{i:D3}-{tag}", NamespaceProperty = "bench" },
        Spec = new RevisionSpec
        {
            App = new AppSpec { Name = $"app{i:D3}", Ref = "main", Tag = tag, Image = $"registry.local/app{i:D3}:{tag}" },
            Targets = [.. Targets.Select(t => new RevisionTarget
            {
                Name = t,
                Fleet = "fleet",
                Scale = new ScaleSpec { Default = 5 },
                Release = new ReleaseSpec { Eligible = true, Schedule = "always" },
            })],
        },
    };
}
