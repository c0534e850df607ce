using System.Net;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Operator;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.Kubernetes.Tests.TestParts;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>The operator host in-process against the façade: it reconciles, serves health and metrics, scopes to namespaces, and elects one leader.</summary>
public sealed class OperatorHostTests : IAsyncLifetime
{
    private FacadeServer _server = null!;
    private readonly List<OperatorHost> _hosts = [];

    public async Task InitializeAsync()
    {
        _server = await FacadeServer.StartAsync(kinds: TestModules.TestCatalog().Kinds);
        foreach (var ns in new[] { "a", "b", "c" }) await _server.Backing.CreateAsync(new V1Namespace { Metadata = new() { Name = ns } });
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<OperatorHost> StartAsync(OperatorOptions? options = null)
    {
        options ??= new OperatorOptions();
        var host = await OperatorHost.StartAsync(KubeConnection.FromKubeconfig(_server.Kubeconfig), options with
        {
            Modules = options.Modules.Count > 0 ? options.Modules : [new WidgetModule()],
            MetricsAddress = IPAddress.Loopback,
            MetricsPort = 0,
        });
        _hosts.Add(host);
        return host;
    }

    private Task<V1ConfigMap?> ReconciledAsync(string ns, string name) =>
        Eventually.GetAsync(() => _server.Backing.GetAsync<V1ConfigMap>(ns, $"{name}-data"), cm => cm is not null, TimeSpan.FromSeconds(20), $"{ns}/{name} is reconciled");

    [Fact]
    public async Task It_reconciles_against_the_api_server_and_reports_health_and_metrics()
    {
        var host = await StartAsync();
        await _server.Backing.CreateAsync(Widget.Make("a", "w1", "green"));

        (await ReconciledAsync("a", "w1"))!.Data["color"].ShouldBe("green");
        await Eventually.HoldsAsync(async () => (await _server.Backing.GetAsync<Widget>("a", "w1"))!.IsReady());

        using var http = new HttpClient { BaseAddress = host.MetricsAddress };
        (await http.GetStringAsync("/healthz")).ShouldBe("ok\n");
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode);
        (await http.GetStringAsync("/metrics")).ShouldContain("fleetdeck_controller_reconcile_total{controller=\"widgets\",result=\"success\"}");
    }

    [Fact]
    public async Task With_watch_namespaces_it_reconciles_there_only()
    {
        var host = await StartAsync(new OperatorOptions { WatchNamespaces = ["a", "b"] });
        await Eventually.HoldsAsync(() => Task.FromResult(host.Managers.Count == 2 && host.Managers.All(m => m.Started.IsCompleted)));

        foreach (var ns in new[] { "a", "b", "c" }) await _server.Backing.CreateAsync(Widget.Make(ns, "w"));

        await ReconciledAsync("a", "w");
        await ReconciledAsync("b", "w");
        await Task.Delay(500);
        (await _server.Backing.GetAsync<V1ConfigMap>("c", "w-data")).ShouldBeNull("c is not watched");
        host.Managers.Select(m => m.Informers.For(_server.Backing.Kinds.Get<Widget>()).List().Select(w => w.Metadata.NamespaceProperty).Distinct().Single())
            .Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task A_kind_the_cluster_does_not_serve_stops_it_at_start()
    {
        await using var bare = await FacadeServer.StartAsync(); // serves Widgets, not Gadgets

        var error = await Should.ThrowAsync<OperatorException>(() => OperatorHost.StartAsync(KubeConnection.FromKubeconfig(bare.Kubeconfig),
            new OperatorOptions { Modules = [new WidgetModule(), new GadgetModule()], MetricsPort = 0, MetricsAddress = IPAddress.Loopback }));

        error.Message.ShouldContain("does not serve gadgets.test.fleetdeck.dev/v1");
    }

    [Fact]
    public async Task With_leader_election_exactly_one_reconciles_and_a_clean_stop_hands_over_at_once()
    {
        var election = new OperatorOptions
        {
            LeaderElect = true,
            LeaseNamespace = "fleetdeck-system",
            LeaseDuration = TimeSpan.FromSeconds(20),
            RenewDeadline = TimeSpan.FromSeconds(10),
            RetryPeriod = TimeSpan.FromMilliseconds(300),
        };
        var first = await StartAsync(election with { Identity = "first" });
        var second = await StartAsync(election with { Identity = "second" });
        await Eventually.HoldsAsync(() => Task.FromResult(first.IsReconciling || second.IsReconciling), TimeSpan.FromSeconds(10));
        await Task.Delay(1500);
        (first.IsReconciling ^ second.IsReconciling).ShouldBeTrue("exactly one reconciles");

        var (leader, standby) = first.IsReconciling ? (first, second) : (second, first);
        await _server.Backing.CreateAsync(Widget.Make("a", "w"));
        await ReconciledAsync("a", "w");
        var lease = await _server.Backing.GetAsync<V1Lease>("fleetdeck-system", OperatorOptions.DefaultLeaseName);
        lease!.Spec.HolderIdentity.ShouldBe(leader == first ? "first" : "second");

        var stopped = TimeProvider.System.GetTimestamp();
        _hosts.Remove(leader);
        await leader.DisposeAsync();

        await Eventually.HoldsAsync(() => Task.FromResult(standby.IsReconciling), TimeSpan.FromSeconds(10), "the standby takes over");
        TimeProvider.System.GetElapsedTime(stopped).ShouldBeLessThan(election.LeaseDuration / 2, "a released Lease is taken without waiting for it to expire");
        standby.Terms.ShouldBe(1);
    }

    [Fact]
    public async Task Losing_the_lease_ends_the_terms_manager_and_regaining_it_starts_a_fresh_one_that_reconciles()
    {
        var host = await StartAsync(new OperatorOptions
        {
            LeaderElect = true,
            Identity = "ours",
            LeaseNamespace = "fleetdeck-system",
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        await Eventually.HoldsAsync(() => Task.FromResult(host.IsReconciling && host.Managers.All(m => m.Started.IsCompleted)), TimeSpan.FromSeconds(30));
        var first = host.Managers.Single();
        await _server.Backing.CreateAsync(Widget.Make("a", "before", "green"));
        await ReconciledAsync("a", "before");

        // Another holder writes itself into the Lease (a partition healed the other way): ours cannot renew, so its term ends.
        await _server.Backing.MutateAsync<V1Lease>("fleetdeck-system", OperatorOptions.DefaultLeaseName, lease =>
        {
            lease.Spec.HolderIdentity = "intruder";
            lease.Spec.LeaseDurationSeconds = 2;
            lease.Spec.RenewTime = DateTime.UtcNow;
            return true;
        });
        await Eventually.HoldsAsync(() => Task.FromResult(!host.IsReconciling), TimeSpan.FromSeconds(30), "the term ends when the lease is lost");
        first.Disposed.IsCancellationRequested.ShouldBeTrue("the lost term's manager (caches, queues, workers) is disposed of");

        // The intruder never renews: once its lease runs out, ours campaigns it back and a new term starts afresh.
        await Eventually.HoldsAsync(() => Task.FromResult(host.IsReconciling && host.Managers.All(m => m.Started.IsCompleted)), TimeSpan.FromSeconds(60), "the lease is regained");
        host.Terms.ShouldBe(2);
        host.Managers.Single().ShouldNotBeSameAs(first);
        await _server.Backing.CreateAsync(Widget.Make("a", "after", "blue"));
        (await ReconciledAsync("a", "after"))!.Data["color"].ShouldBe("blue");
        (await _server.Backing.GetAsync<V1Lease>("fleetdeck-system", OperatorOptions.DefaultLeaseName))!.Spec.HolderIdentity.ShouldBe("ours");
    }
}
