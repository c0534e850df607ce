using System.Globalization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;

namespace Fleetdeck.Bench;

/// <summary>A trivial controller over 10,000 objects: time to reconcile them all and go quiet, then writes per resync.</summary>
internal sealed class RuntimeBenchmark(string workDir, int runs)
{
    private const int Objects = 10_000;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var times = new List<double>();
        var steadyWrites = new List<long>();
        for (var run = 0; run < runs; run++)
        {
            var (seconds, writes) = await RunOnceAsync(run);
            times.Add(seconds);
            steadyWrites.Add(writes);
        }
        return
        [
            new("10,000 trivial reconciles, to quiet", $"{Measure.Median(times):0.00} s", "<= 10 s", Measure.Median(times) <= 10,
                "runs: " + string.Join(", ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))),
            new("writes per steady-state resync", steadyWrites.Max().ToString(CultureInfo.InvariantCulture), "0", steadyWrites.Max() == 0, "10,000 objects resynced"),
        ];
    }

    private async Task<(double Seconds, long SteadyWrites)> RunOnceAsync(int run)
    {
        await using var store = SqliteObjectStore.Open(Path.Combine(workDir, $"runtime-{run}.db"), StoreBenchmark.Kinds());
        await Parallel.ForEachAsync(Enumerable.Range(0, Objects), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) => await store.CreateAsync(BenchItem.Make(i), ct));

        var manager = new ControllerManager(store, new ManagerOptions { Informers = new InformerOptions { ResyncPeriod = null } });
        TrivialReconciler? reconciler = null;
        manager.NewController("bench").For<BenchItem>().WithMaxConcurrency(4).Complete(context => reconciler = new TrivialReconciler(context));
        using var stop = new CancellationTokenSource();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var running = manager.RunAsync(stop.Token);
        while (reconciler is null || reconciler.Written < Objects || !manager.IsIdle) await Task.Delay(10);
        var seconds = started.Elapsed.TotalSeconds;

        var before = store.CommittedWrites;
        var calls = reconciler.Calls;
        manager.ResyncNow();
        while (reconciler.Calls < calls + Objects || !manager.IsIdle) await Task.Delay(10);
        var steady = store.CommittedWrites - before;

        await stop.CancelAsync();
        await running;
        await manager.DisposeAsync();
        return (seconds, steady);
    }

    private sealed class TrivialReconciler(ControllerContext context) : IReconciler
    {
        public int Written;
        public int Calls;

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var item = context.Cache.Get<BenchItem>(context.Kinds, key.Namespace, key.Name);
            if (item is null) return ReconcileResult.Done;
            item.Status.ObservedGeneration = item.Metadata.Generation;
            item.Status.Set(Conditions.Ready, true, "Reconciled", "", item.Metadata.Generation, context.Time.GetUtcNow());
            var before = item.Metadata.ResourceVersion;
            var after = await context.Applier.ApplyStatusAsync(item, cancellationToken);
            if (after.Metadata.ResourceVersion != before) Interlocked.Increment(ref Written);
            return ReconcileResult.Done;
        }
    }
}
