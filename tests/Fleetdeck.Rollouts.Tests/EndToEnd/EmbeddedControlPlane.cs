using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Rollouts.Tests.EndToEnd;

/// <summary>
/// <c>fleetdeck up</c> in-process with the rollout engine, simulated clusters and a fake clock the test moves: every
/// timer (requeues, ramp delays, canary TTLs, pods becoming ready) runs on it.
/// </summary>
public sealed class EmbeddedControlPlane : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("fleetdeck-rollouts");

    private EmbeddedControlPlane(FakeTimeProvider time, RolloutsModule module)
    {
        Time = time;
        Module = module;
    }

    public FakeTimeProvider Time { get; }

    public RolloutsModule Module { get; }

    public ControlPlaneHost Host { get; private set; } = null!;

    public IObjectStore Store => Host.Store;

    public SimulatedFleet Fleet => Module.Simulated!;

    /// <summary>A Tuesday at noon UTC: no schedule or holiday stands in the way unless a test wants one.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public static async Task<EmbeddedControlPlane> StartAsync(RolloutOptions? options = null, FakeTimeProvider? clock = null)
    {
        var time = clock ?? NewClock();
        var module = new RolloutsModule(options ?? new RolloutOptions());
        var plane = new EmbeddedControlPlane(time, module);
        plane.Host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = plane._dir.File("state"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = [module],
            Time = time,
        });
        await plane.Host.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return plane;
    }

    public async Task AddClustersAsync(string fleet, params string[] names)
    {
        foreach (var name in names)
            await Store.CreateAsync(new Cluster
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { [RolloutsGroup.FleetLabel] = fleet } },
                Spec = new ClusterSpec
                {
                    Enabled = true,
                    Simulated = new SimulatedClusterSpec { ReadyAfter = "2s" },
                    Ingresses = new ClusterIngresses { Private = new IngressSpec { Gateway = "istio-system/private", DefaultDomains = ["example.internal"] } },
                },
            });
    }

    /// <summary>Waits (in real time) until no controller has work queued or running.</summary>
    public async Task SettleAsync()
    {
        var quiet = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (quiet < 3)
        {
            await Task.Delay(5);
            quiet = Host.Manager.Controllers.All(c => c.Queue.Depth == 0 && !c.Queue.HasProcessing) ? quiet + 1 : 0;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the controllers did not settle");
        }
    }

    /// <summary>Moves the clock a second at a time, letting the controllers settle each time, until the condition holds.</summary>
    public async Task<T> AdvanceUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan limit, Action<T>? observe = null, string? because = null)
    {
        var end = Time.GetUtcNow() + limit;
        while (true)
        {
            await SettleAsync();
            var value = await probe();
            observe?.Invoke(value);
            if (until(value)) return value;
            if (Time.GetUtcNow() >= end) throw new TimeoutException($"not within {limit} of fake time: {because}; last: {(value is k8s.IKubernetesObject<V1ObjectMeta> o ? Fleetdeck.Core.Serialization.ObjectJson.Serialize(o, indented: true) : value)}");
            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public async Task<ReleaseManager?> ReleaseManagerAsync(string app, string target) =>
        await Store.GetAsync<ReleaseManager>("default", ReleaseManager.NameFor(app, target));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _dir.Dispose();
    }
}
