using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Operator;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>
/// Two <c>fleetdeck operator --leader-elect</c> processes against one façade: exactly one reconciles; kill -9 the leader
/// and the other takes over within the lease duration (plus at most two retry periods: a candidate measures the lease
/// from when it last saw it change, and looks again every retry period).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class LeaderElectionProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);
    private const string Ns = "work";

    private FacadeServer _server = null!;
    private readonly List<OperatorProcess> _processes = [];

    public async Task InitializeAsync()
    {
        _server = await FacadeServer.StartAsync(kinds: TestModules.TestCatalog().Kinds);
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
            .Where(l => l.StartsWith("fleetdeck_controller_reconcile_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Exactly_one_reconciles_and_after_kill_9_the_other_takes_over_within_the_lease_duration()
    {
        var (a, portA) = StartOperator();
        var (b, portB) = StartOperator();
        await a.WaitForOutputAsync("Fleetdeck operator running against", TimeSpan.FromSeconds(60));
        await b.WaitForOutputAsync("Fleetdeck operator running against", TimeSpan.FromSeconds(60));
        var holder = (await Eventually.GetAsync(LeaseAsync, l => !string.IsNullOrEmpty(l?.Spec?.HolderIdentity), TimeSpan.FromSeconds(20)))!.Spec.HolderIdentity;
        var (leader, leaderPort, standby, standbyPort) = holder == a.Identity ? (a, portA, b, portB) : (b, portB, a, portA);
        holder.ShouldBe(leader.Identity, $"the lease names one of the two\n{a}\n{b}");

        for (var i = 0; i < 5; i++) await _server.Backing.CreateAsync(Widget.Make(Ns, $"w{i}", "green"));
        await AllReconciledByAsync(leader.Id, "green");
        (await ReconcilesAsync(leaderPort)).ShouldBeGreaterThan(0);
        (await ReconcilesAsync(standbyPort)).ShouldBe(0, "the standby reconciles nothing");

        var killed = TimeProvider.System.GetTimestamp();
        leader.KillHard();
        var taken = await Eventually.GetAsync(LeaseAsync, l => l?.Spec?.HolderIdentity == standby.Identity, TimeSpan.FromSeconds(30), "the standby takes the lease");
        var takeover = TimeProvider.System.GetElapsedTime(killed);
        takeover.ShouldBeLessThanOrEqualTo(LeaseDuration + 2 * RetryPeriod, $"took {takeover.TotalSeconds:0.0} s");
        taken!.Spec.LeaseTransitions.ShouldBe(1);

        foreach (var widget in await _server.Backing.ListAsync<Widget>(ListOptions.InNamespace(Ns)))
            await _server.Backing.MutateAsync<Widget>(Ns, widget.Metadata.Name, w => { w.Spec.Color = "blue"; return true; });
        await AllReconciledByAsync(standby.Id, "blue");
        standby.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task A_leader_stopped_with_sigterm_releases_the_lease_for_an_immediate_takeover()
    {
        var (a, _) = StartOperator();
        await a.WaitForOutputAsync("became leader", TimeSpan.FromSeconds(60));
        var (b, _) = StartOperator();
        await b.WaitForOutputAsync("Fleetdeck operator running against", TimeSpan.FromSeconds(60));

        var stopped = TimeProvider.System.GetTimestamp();
        a.Signal("TERM");
        (await a.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, a.ToString());
        await Eventually.GetAsync(LeaseAsync, l => l?.Spec?.HolderIdentity == b.Identity, TimeSpan.FromSeconds(30));

        TimeProvider.System.GetElapsedTime(stopped).ShouldBeLessThan(LeaseDuration, "released, not expired");
        a.Output.ShouldContain("released the lease");
    }

    private async Task AllReconciledByAsync(int pid, string color)
    {
        var expected = pid.ToString(CultureInfo.InvariantCulture);
        await Eventually.HoldsAsync(async () =>
        {
            var widgets = await _server.Backing.ListAsync<Widget>(ListOptions.InNamespace(Ns));
            foreach (var widget in widgets)
            {
                var data = await _server.Backing.GetAsync<V1ConfigMap>(Ns, $"{widget.Metadata.Name}-data");
                if (data?.Data?["color"] != color || data.Data["reconciled-by"] != expected || !widget.IsReady()) return false;
            }
            return widgets.Count == 5;
        }, TimeSpan.FromSeconds(30), $"every widget {color}, reconciled by process {pid}");
    }
}
