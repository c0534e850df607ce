using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Server.KubeApi.Faults;

namespace Fleetdeck.Bench;

/// <summary>
/// The Kubernetes backend against the API façade (SQLite behind it, https and a token on loopback): call latency, watch
/// delivery, a controller's reconciles through the API, and how fast the runtime recovers from a dropped watch and a 410.
/// </summary>
internal sealed class KubernetesBenchmark(string workDir, int runs)
{
    private const int Items = 1_000;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var getP50 = new List<double>();
        var getP99 = new List<double>();
        var creates = new List<double>();
        var watchP99 = new List<double>();
        var reconcile = new List<double>();
        var redrop = new List<double>();
        var relist = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var facade = await Facade.StartAsync(Path.Combine(workDir, $"k8s-{run}"));
            var (c, g50, g99) = await CallsAsync(facade);
            creates.Add(c);
            getP50.Add(g50);
            getP99.Add(g99);
            watchP99.Add(await WatchLatencyAsync(facade));
            var (seconds, drop, expired) = await RuntimeAsync(facade);
            reconcile.Add(seconds);
            redrop.Add(drop);
            relist.Add(expired);
        }
        return
        [
            new("k8s store get latency p50", $"{Measure.Median(getP50):0.00} ms", "<= 5 ms", Measure.Median(getP50) <= 5, "via the façade over https, 1 caller"),
            new("k8s store get latency p99", $"{Measure.Median(getP99):0.00} ms", "<= 20 ms", Measure.Median(getP99) <= 20, Runs(getP99, "0.00")),
            new("k8s store creates/s (16 callers)", $"{Measure.Median(creates):0}", ">= 500", Measure.Median(creates) >= 500, Runs(creates, "0")),
            new("k8s watch delivery latency p99", $"{Measure.Median(watchP99):0.00} ms", "<= 50 ms", Measure.Median(watchP99) <= 50, "write -> event through the façade's watch stream"),
            new("1,000 reconciles through the API, to quiet", $"{Measure.Median(reconcile):0.00} s", "<= 15 s", Measure.Median(reconcile) <= 15, Runs(reconcile, "0.00")),
            new("recovery after a dropped watch", $"{Measure.Median(redrop):0} ms", "<= 2,000 ms", Measure.Median(redrop) <= 2_000, "drop -> a change made meanwhile is in the cache"),
            new("recovery after 410 (relist of 1,000)", $"{Measure.Median(relist):0} ms", "<= 3,000 ms", Measure.Median(relist) <= 3_000, "compacted while stalled -> cache equals the server"),
        ];
    }

    private static async Task<(double Creates, double GetP50, double GetP99)> CallsAsync(Facade facade)
    {
        var store = facade.Connect();
        var createTime = await Measure.TimeAsync(() => Parallel.ForEachAsync(Enumerable.Range(0, Items), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await store.CreateAsync(BenchItem.Make(i), ct)));
        var latencies = new List<double>();
        for (var i = 0; i < Items; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.GetAsync<BenchItem>("bench", BenchItem.Make(i).Metadata.Name);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        latencies.Sort();
        return (Items / createTime.TotalSeconds, Measure.Percentile(latencies, 50), Measure.Percentile(latencies, 99));
    }

    private static async Task<double> WatchLatencyAsync(Facade facade)
    {
        var store = facade.Connect();
        var kind = store.Kinds.Get<V1ConfigMap>();
        var sent = new Dictionary<string, long>();
        var latencies = new List<double>();
        using var stop = new CancellationTokenSource();
        var start = (await store.ListAsync(kind, ListOptions.InNamespace("bench"))).ResourceVersion;
        var reader = Task.Run(async () =>
        {
            await foreach (var e in store.WatchAsync(kind, new WatchOptions { Namespace = "bench", ResourceVersion = start }, stop.Token))
            {
                long at;
                lock (sent) at = sent.GetValueOrDefault(e.Object.Metadata.Name);
                if (at != 0) lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                if (latencies.Count == 200) return;
            }
        });
        for (var i = 0; i < 200; i++)
        {
            var name = $"w-{i}";
            lock (sent) sent[name] = Stopwatch.GetTimestamp();
            await facade.Backing.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "bench" } });
            await Task.Delay(5);
        }
        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        latencies.Sort();
        return Measure.Percentile(latencies, 99);
    }

    private static async Task<(double Seconds, double DropMs, double RelistMs)> RuntimeAsync(Facade facade)
    {
        var store = facade.Connect();
        var manager = new ControllerManager(store, new ManagerOptions
        {
            Informers = new InformerOptions { ResyncPeriod = null, WatchIdleTimeout = TimeSpan.FromSeconds(1), RetryDelay = TimeSpan.FromMilliseconds(50) },
        });
        var reconciled = 0;
        manager.NewController("bench").For<BenchItem>().WithMaxConcurrency(4).Complete(context => new StatusReconciler(context, () => Interlocked.Increment(ref reconciled)));
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var running = manager.RunAsync(stop.Token);
        while (Volatile.Read(ref reconciled) < Items || !manager.IsIdle) await Task.Delay(10);
        var seconds = started.Elapsed.TotalSeconds;
        var informer = manager.Informers.For(store.Kinds.Get<BenchItem>());

        // A dropped watch: a change made right after must reach the cache.
        facade.Faults.DropWatches();
        var dropped = Stopwatch.StartNew();
        var changed = await facade.Backing.MutateAsync<BenchItem>("bench", "item-000001", i => { i.Spec.Value = -1; return true; });
        // Compared by content, not version: the reconciler's status write follows at once and moves the version on.
        await CaughtUpAsync(informer, "item-000001", -1, changed!);
        var dropMs = dropped.Elapsed.TotalMilliseconds;

        // A watch held silent while history is compacted: the informer must notice, get 410, re-list and catch up.
        facade.Faults.StallNextWatches(1, t => t.Kind.Kind == "BenchItem");
        facade.Faults.DropWatches(t => t.Kind.Kind == "BenchItem");
        await Task.Delay(100);
        var expired = Stopwatch.StartNew();
        var last = await facade.Backing.MutateAsync<BenchItem>("bench", "item-000002", i => { i.Spec.Value = -2; return true; });
        await facade.Backing.CompactAsync(facade.Backing.CurrentResourceVersion);
        await CaughtUpAsync(informer, "item-000002", -2, last!);
        var relistMs = expired.Elapsed.TotalMilliseconds;

        await stop.CancelAsync();
        await running;
        await manager.DisposeAsync();
        return (seconds, dropMs, relistMs);
    }

    private static async Task CaughtUpAsync(Informer informer, string name, int value, BenchItem written)
    {
        var deadline = Stopwatch.StartNew();
        while ((informer.Get(new ObjectKey("bench", name)) as BenchItem)?.Spec.Value != value)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"the cache did not catch up with {name} at version {written.Metadata.ResourceVersion} within 60 s");
            await Task.Delay(5);
        }
    }

    private static string Runs(List<double> values, string format) =>
        "runs: " + string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    private sealed class StatusReconciler(ControllerContext context, Action done) : IReconciler
    {
        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            var item = context.Cache.Get<BenchItem>(context.Kinds, key.Namespace, key.Name);
            if (item is null) return ReconcileResult.Done;
            item.Status.ObservedGeneration = item.Metadata.Generation;
            item.Status.Set(Conditions.Ready, true, "Reconciled", "", item.Metadata.Generation, context.Time.GetUtcNow());
            await context.Applier.ApplyStatusAsync(item, cancellationToken);
            done();
            return ReconcileResult.Done;
        }
    }

    /// <summary>The façade over a SQLite store, with fault injection, and connections to it.</summary>
    private sealed class Facade : IAsyncDisposable
    {
        private readonly List<KubeConnection> _connections = [];

        private Facade(SqliteObjectStore backing, KubeApiServer server, KubeApiFaults faults, string kubeconfig)
        {
            Backing = backing;
            Server = server;
            Faults = faults;
            Kubeconfig = kubeconfig;
        }

        public SqliteObjectStore Backing { get; }

        public KubeApiServer Server { get; }

        public KubeApiFaults Faults { get; }

        public string Kubeconfig { get; }

        public static async Task<Facade> StartAsync(string directory)
        {
            Directory.CreateDirectory(directory);
            var backing = SqliteObjectStore.Open(Path.Combine(directory, "state.db"), StoreBenchmark.Kinds(), new StoreOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
            await backing.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
            var faults = new KubeApiFaults();
            var server = await KubeApiServer.StartAsync(backing, new KubeApiServerOptions { BearerToken = "bench", UseHttps = true, Faults = faults });
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            KubeconfigWriter.Write(kubeconfig, server, "bench");
            return new Facade(backing, server, faults, kubeconfig);
        }

        public KubernetesObjectStore Connect()
        {
            var connection = KubeConnection.FromKubeconfig(Kubeconfig);
            _connections.Add(connection);
            return new KubernetesObjectStore(connection, StoreBenchmark.Kinds());
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections) connection.Dispose();
            await Server.DisposeAsync();
            await Backing.DisposeAsync();
        }
    }
}
