using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;

namespace Fleetdeck.Bench;

/// <summary>Durable create and CAS-update throughput of the SQLite store, and watch delivery latency.</summary>
internal sealed class StoreBenchmark(string workDir, int runs)
{
    private const int Writes = 10_000;
    private const int Concurrency = 32;

    public static KindRegistry Kinds() => KindRegistry.CreateDefault().Add<BenchItem>();

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var creates = new List<double>();
        var serialCreates = new List<double>();
        var updates = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (c, u) = await ThroughputAsync(run, Concurrency);
            creates.Add(c);
            updates.Add(u);
            serialCreates.Add((await ThroughputAsync(run, 1, 2_000)).Creates);
            var (l50, l99) = await WatchLatencyAsync(run);
            p50.Add(l50);
            p99.Add(l99);
        }

        return
        [
            new("store creates/s (durable, 32 writers)", F(Measure.Median(creates)), ">= 5,000", Measure.Median(creates) >= 5_000, Runs(creates)),
            new("store creates/s (durable, 1 writer)", F(Measure.Median(serialCreates)), "-", null, "each write waits for its own fsync"),
            new("store CAS updates/s (durable, 32 writers)", F(Measure.Median(updates)), ">= 5,000", Measure.Median(updates) >= 5_000, Runs(updates)),
            new("watch delivery latency p50", $"{Measure.Median(p50):0.00} ms", "-", null, "write submitted -> event received, 1,000 writes/s"),
            new("watch delivery latency p99", $"{Measure.Median(p99):0.00} ms", "<= 10 ms", Measure.Median(p99) <= 10, Runs(p99, "0.00")),
        ];
    }

    private async Task<(double Creates, double Updates)> ThroughputAsync(int run, int concurrency, int writes = Writes)
    {
        var path = Path.Combine(workDir, $"store-{run}-{concurrency}.db");
        await using var store = SqliteObjectStore.Open(path, Kinds());
        var created = new BenchItem[writes];
        var createTime = await Measure.TimeAsync(() => Parallel.ForEachAsync(Enumerable.Range(0, writes),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) => created[i] = await store.CreateAsync(BenchItem.Make(i), ct)));
        var updateTime = await Measure.TimeAsync(() => Parallel.ForEachAsync(Enumerable.Range(0, writes),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) =>
            {
                var item = created[i];
                item.Spec.Value++;
                await store.UpdateAsync(item, ct); // conditional on the version just read: a CAS
            }));
        return (writes / createTime.TotalSeconds, writes / updateTime.TotalSeconds);
    }

    private async Task<(double P50, double P99)> WatchLatencyAsync(int run)
    {
        const int count = 3_000;
        await using var store = SqliteObjectStore.Open(Path.Combine(workDir, $"watch-{run}.db"), Kinds());
        var submitted = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        var received = 0;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in store.WatchAsync(store.Kinds.Get<BenchItem>(), new WatchOptions { ResourceVersion = "1", AllowBookmarks = true }, stop.Token))
                {
                    if (e.Type != WatchEventType.Added) continue;
                    var now = Stopwatch.GetTimestamp();
                    if (submitted.TryGetValue(e.Object.Metadata.Name, out var start))
                        latencies.Add(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                    if (Interlocked.Increment(ref received) == count) allReceived.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "warm-up" } });

        // Paced at about 1,000 writes/s from 8 writers: latency under a steady load, not at saturation.
        var pacer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var due = TimeSpan.FromMilliseconds(i);
            if (pacer.Elapsed < due) await Task.Delay(due - pacer.Elapsed, ct);
            var item = BenchItem.Make(i);
            submitted[item.Metadata.Name] = Stopwatch.GetTimestamp();
            await store.CreateAsync(item, ct);
        });
        await allReceived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await watching;
        var sorted = latencies.Order().ToList();
        return (Measure.Percentile(sorted, 50), Measure.Percentile(sorted, 99));
    }

    private static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Runs(IEnumerable<double> values, string format = "N0") =>
        "runs: " + string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
