using System.Globalization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Operator;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>
/// Two real <c>fleetdeck operator --leader-elect</c> processes (this build's own modules) against one façade: exactly one
/// reconciles Sites; kill -9 the leader and the other takes over within the lease duration (plus at most two retry
/// periods: a candidate measures the lease from when it last saw it change, and looks again every retry period).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class LeaderElectionProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// What a loaded machine may add to a takeover: the standby's retry loop is a process the scheduler may leave waiting.
    /// Still well below what a standby that did not measure the lease itself (or waited for a release) would take.
    /// </summary>
    private static readonly TimeSpan SchedulingSlack = TimeSpan.FromSeconds(3);

    private const string Ns = "work";

    private FacadeServer _server = null!;
    private readonly List<OperatorProcess> _processes = [];

    public async Task InitializeAsync()
    {
        _server = await FacadeServer.StartAsync(kinds: TestModules.BuildCatalogWithoutTests().Kinds);
        await _server.Backing.CreateAsync(new V1Namespace { Metadata = new() { Name = Ns } });
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await _server.DisposeAsync();
    }

    private (OperatorProcess Process, int MetricsPort) StartOperator()
    {
        var port = KubernetesObjectStoreTests.FreePort();
        var process = OperatorProcess.Start(null, "operator", "--kubeconfig", _server.Kubeconfig, "--leader-elect",
            "--lease-duration", "4s", "--renew-deadline", "3s", "--retry-period", "500ms",
            "--metrics-port", port.ToString(CultureInfo.InvariantCulture), "--metrics-address", "127.0.0.1");
        _processes.Add(process);
        return (process, port);
    }

    private Task<V1Lease?> LeaseAsync() => _server.Backing.GetAsync<V1Lease>(OperatorOptions.DefaultNamespace, OperatorOptions.DefaultLeaseName);

    private static async Task<double> ReconcilesAsync(int metricsPort)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("fleetdeck_controller_reconcile_total{controller=\"sites\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static Site Site(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new SiteSpec { Domain = $"{name}.example.com" },
    };

    [Fact]
    public async Task Exactly_one_reconciles_and_after_kill_9_the_other_takes_over_within_the_lease_duration()
    {
        var (a, portA) = StartOperator();
        var (b, portB) = StartOperator();
        await a.WaitForOutputAsync("Fleetdeck operator running against");
        await b.WaitForOutputAsync("Fleetdeck operator running against");
        await a.UntilAsync(async () => !string.IsNullOrEmpty((await LeaseAsync())?.Spec?.HolderIdentity), "take the lease (or see the other take it)");
        var holder = (await LeaseAsync())!.Spec.HolderIdentity;
        var (leader, leaderPort, standby, standbyPort) = holder == a.Identity ? (a, portA, b, portB) : (b, portB, a, portA);
        holder.ShouldBe(leader.Identity, $"the lease names one of the two\n{a}\n{b}");

        for (var i = 0; i < 3; i++) await _server.Backing.CreateAsync(Site($"s{i}"));
        await leader.UntilAsync(AllObservedAsync, "reconcile every Site");
        (await ReconcilesAsync(leaderPort)).ShouldBeGreaterThan(0);
        (await ReconcilesAsync(standbyPort)).ShouldBe(0, "the standby reconciles nothing");

        var killed = TimeProvider.System.GetTimestamp();
        leader.KillHard();
        await standby.UntilAsync(async () => (await LeaseAsync())?.Spec?.HolderIdentity == standby.Identity, "take the lease");
        var takeover = TimeProvider.System.GetElapsedTime(killed);
        takeover.ShouldBeLessThanOrEqualTo(LeaseDuration + 2 * RetryPeriod + SchedulingSlack, $"took {takeover.TotalSeconds:0.0} s");
        (await LeaseAsync())!.Spec.LeaseTransitions.ShouldBe(1);

        foreach (var site in await _server.Backing.ListAsync<Site>(ListOptions.InNamespace(Ns)))
            await _server.Backing.MutateAsync<Site>(Ns, site.Metadata.Name, s => { s.Spec.Domain = "moved." + s.Spec.Domain; return true; });
        await standby.UntilAsync(AllObservedAsync, "reconcile every changed Site");
        (await ReconcilesAsync(standbyPort)).ShouldBeGreaterThan(0);
        standby.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task A_leader_stopped_with_sigterm_releases_the_lease_for_an_immediate_takeover()
    {
        var (a, _) = StartOperator();
        await a.WaitForOutputAsync("became leader");
        var (b, _) = StartOperator();
        await b.WaitForOutputAsync("Fleetdeck operator running against");

        a.Signal("TERM");
        await a.WaitForOutputAsync("released the lease");
        var released = TimeProvider.System.GetTimestamp();
        await b.UntilAsync(async () => (await LeaseAsync())?.Spec?.HolderIdentity == b.Identity, "take the released lease");

        TimeProvider.System.GetElapsedTime(released).ShouldBeLessThan(LeaseDuration, "released, not expired");
        (await a.WaitForExitAsync()).ShouldBe(0, a.ToString());
    }

    /// <summary>Every Site's status says the operator saw its current spec (whatever it found: here, no database to use).</summary>
    private async Task<bool> AllObservedAsync()
    {
        var sites = await _server.Backing.ListAsync<Site>(ListOptions.InNamespace(Ns));
        return sites.Count == 3 && sites.All(s => s.Status.ObservedGeneration == s.Metadata.Generation && s.Status.Find(Conditions.Ready) is not null);
    }
}
