using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.Kubernetes.Tests.TestParts;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Server.KubeApi.Faults;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Runtime;

/// <summary>
/// The whole chain under test: the Widget controller (informers, work queue, reconciler) on a Kubernetes store that talks
/// to the façade, whose faults a test arms. The store makes no retries of its own, so every fault reaches the runtime.
/// Tests change Widgets directly in the façade's backing store (as another client would) and wait for convergence.
/// </summary>
public sealed class ClusterUnderFaults : IAsyncDisposable
{
    public const string Ns = "chaos";

    private readonly CancellationTokenSource _stop = new();

    private ClusterUnderFaults(FacadeServer server, KubeApiFaults faults, ControllerManager manager, WidgetModule module)
    {
        Server = server;
        Faults = faults;
        Manager = manager;
        Module = module;
    }

    public FacadeServer Server { get; }

    public KubeApiFaults Faults { get; }

    public ControllerManager Manager { get; }

    public WidgetModule Module { get; }

    /// <summary>The truth: what the API server holds.</summary>
    public SqliteObjectStore Backing => Server.Backing;

    public Task Running { get; private set; } = Task.CompletedTask;

    public Informer Widgets => Manager.Informers.For(Backing.Kinds.Get<Widget>());

    public Informer ConfigMaps => Manager.Informers.For(Backing.Kinds.Get<V1ConfigMap>());

    public ColorReconciler Reconciler
    {
        get { lock (Module.Reconcilers) return Module.Reconcilers.Single(); }
    }

    public static async Task<ClusterUnderFaults> StartAsync(int storeRetries = 0)
    {
        var faults = new KubeApiFaults();
        var server = await FacadeServer.StartAsync(new KubeApiServerOptions { Faults = faults });
        await server.Backing.CreateAsync(new V1Namespace { Metadata = new() { Name = Ns } });
        var module = new WidgetModule();
        var store = server.Connect(options: new KubernetesStoreOptions
        {
            MaxRetries = storeRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        var manager = new ControllerManager(store, new ManagerOptions
        {
            Informers = new InformerOptions
            {
                // No resync: convergence must come from events, so a lost event would show.
                ResyncPeriod = null,
                // Bookmarks arrive every 200 ms on a healthy watch; one silent for a second is dead.
                WatchIdleTimeout = TimeSpan.FromSeconds(1),
                RetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(300),
            },
        });
        module.AddControllers(manager);
        var cluster = new ClusterUnderFaults(server, faults, manager, module);
        cluster.Running = Task.Run(() => manager.RunAsync(cluster._stop.Token));
        await manager.Started.WaitAsync(TimeSpan.FromSeconds(20));
        return cluster;
    }

    public Task<Widget> CreateAsync(string name, string color = "blue") => Backing.CreateAsync(Widget.Make(Ns, name, color));

    public Task RecolorAsync(string name, string color) =>
        Backing.MutateAsync<Widget>(Ns, name, w =>
        {
            w.Spec.Color = color;
            return true;
        });

    public Task DeleteAsync(string name) => Backing.DeleteAsync<Widget>(Ns, name);

    /// <summary>
    /// Waits until the runtime has caught up with every change: each Widget's ConfigMap has its colour and each Widget is
    /// Ready for its latest generation; each deleted Widget the reconciler had seen was seen gone by it; and the informers' caches hold
    /// exactly what the server holds, version for version (a lost event would leave them behind for good).
    /// </summary>
    public async Task ConvergedAsync(IEnumerable<string> deleted, TimeSpan? timeout = null)
    {
        var gone = deleted.ToList();
        await Eventually.GetAsync(async () =>
        {
            if (Running.IsCompleted) throw new InvalidOperationException("the controller manager stopped", Running.Exception);
            return await ProblemsAsync(gone);
        }, p => p.Count == 0, timeout ?? TimeSpan.FromSeconds(30), "the runtime converges on the server's state");
    }

    /// <summary>What is not converged yet: empty once it is; otherwise each problem, for the failure message.</summary>
    private async Task<ConvergenceProblems> ProblemsAsync(List<string> gone)
    {
        var problems = new ConvergenceProblems();
        foreach (var widget in await Backing.ListAsync<Widget>(ListOptions.InNamespace(Ns)))
        {
            var data = await Backing.GetAsync<V1ConfigMap>(Ns, $"{widget.Metadata.Name}-data");
            if (!widget.IsReady() || widget.Status.ObservedGeneration != widget.Metadata.Generation || data?.Data?["color"] != widget.Spec.Color)
                problems.Add($"widget {widget.Metadata.Name} gen {widget.Metadata.Generation} observed {widget.Status.ObservedGeneration} ready {widget.IsReady()} color {widget.Spec.Color} data {data?.Data?["color"]}");
        }
        problems.AddRange(gone.Where(name => Reconciler.SeenAlive.ContainsKey(new ObjectKey(Ns, name)) && !Reconciler.SeenGone.ContainsKey(new ObjectKey(Ns, name))).Select(n => $"{n} seen but not seen gone"));
        if (!await CacheMatchesAsync<Widget>(Widgets)) problems.Add($"widget cache behind (relists {Widgets.Relists}, version {Widgets.LastSyncResourceVersion})");
        if (!await CacheMatchesAsync<V1ConfigMap>(ConfigMaps)) problems.Add($"configmap cache behind (relists {ConfigMaps.Relists}, version {ConfigMaps.LastSyncResourceVersion})");
        if (problems.Count > 0) problems.Add($"manager idle {Manager.IsIdle}");
        return problems;
    }

    /// <summary>Problems that print as one line in a timeout message.</summary>
    private sealed class ConvergenceProblems : List<string>
    {
        public override string ToString() => string.Join("; ", this);
    }

    private async Task<bool> CacheMatchesAsync<T>(Informer informer) where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var truth = (await Backing.ListAsync<T>(ListOptions.InNamespace(Ns))).Select(o => (o.Metadata.Name, o.Metadata.ResourceVersion)).Order().ToList();
        var cached = informer.List(Ns).Select(o => (o.Metadata.Name, o.Metadata.ResourceVersion)).Order().ToList();
        return truth.SequenceEqual(cached);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        await Manager.DisposeAsync();
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
