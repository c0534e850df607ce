using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;
using Fleetdeck.Rollouts.StateMachine;

namespace Fleetdeck.Rollouts.Tests.EndToEnd;

/// <summary>The embedded mode end to end: three simulated clusters, a canary, a ramp, and a rollback.</summary>
public sealed class EmbeddedRolloutTests : IAsyncLifetime
{
    private static readonly string[] Clusters = ["c1", "c2", "c3"];
    private EmbeddedControlPlane _plane = null!;

    public async Task InitializeAsync()
    {
        _plane = await EmbeddedControlPlane.StartAsync();
        await _plane.AddClustersAsync("production", Clusters);
    }

    public async Task DisposeAsync() => await _plane.DisposeAsync();

    private async Task<Dictionary<string, IncarnationStatus>> EntriesAsync()
    {
        var rm = await _plane.ReleaseManagerAsync("web", "production");
        return rm?.Status.Revisions.ToDictionary(r => r.Tag) ?? [];
    }

    /// <summary>Weights per tag as each cluster's VirtualService routes them.</summary>
    private Dictionary<string, Dictionary<string, int>> RoutedWeights() => Clusters.ToDictionary(c => c, c =>
        _plane.Fleet.Find(c)?.Get<VirtualService>("web-production", "web")?.Spec.Http.Single(r => r.Name == "01_release-http").Route
            .ToDictionary(d => d.Destination.Subset!, d => d.Weight ?? 0) ?? []);

    private async Task ReleaseFirstAsync()
    {
        await _plane.Store.CreateAsync(Revisions.Make("web", "v1"));
        await _plane.AdvanceUntilAsync(EntriesAsync, e => e.TryGetValue("v1", out var v1) && v1.State.Current == "released", TimeSpan.FromMinutes(3), because: "v1 is released");
    }

    [Fact]
    public async Task A_good_revision_goes_from_0_to_100_percent_with_its_canary_first_in_every_cluster()
    {
        await ReleaseFirstAsync();
        RoutedWeights().Values.ShouldAllBe(w => w.Count == 1 && w["v1"] == 100);

        await _plane.Store.CreateAsync(Revisions.Make("web", "v2", canaryPercent: 10, canaryTtl: 60));
        var seen = new List<(string State, int Percent)>();
        await _plane.AdvanceUntilAsync(EntriesAsync, e => e.TryGetValue("v2", out var v2) && v2.State.Current == "released" && e["v1"].State.Current == "retired",
            TimeSpan.FromMinutes(10), e =>
            {
                if (!e.TryGetValue("v2", out var v2)) return;
                if (seen.Count == 0 || seen[^1] != (v2.State.Current, v2.CurrentPercent)) seen.Add((v2.State.Current, v2.CurrentPercent));
                (v2.CurrentPercent + (e.TryGetValue("v1", out var v1) ? v1.CurrentPercent : 0)).ShouldBe(100);
            }, because: "v2 is released and v1 retired");

        var firstTraffic = seen.First(s => s.Percent > 0);
        firstTraffic.ShouldBe(("canarying", 10), $"the canary comes first: {string.Join(" → ", seen)}");
        seen.Where(s => s.State == "canarying").Max(s => s.Percent).ShouldBe(10);
        seen.Where(s => s.State is "releasing" or "released" && s.Percent > 0).Select(s => s.Percent).Distinct().ShouldBe([10, 20, 40, 80, 100], $"{string.Join(" → ", seen)}");
        seen.ShouldNotContain(("releasing", 100), "at 100% the next tick comes at once, not at the next ramp step (our own status writes wake nothing)");
        RoutedWeights().Values.ShouldAllBe(w => w.Count == 1 && w["v2"] == 100);

        _plane.Time.Advance(new RolloutOptions().ObservePeriod);
        await _plane.SettleAsync();
        var entries = await EntriesAsync();
        entries["v1"].Scale.Current.ShouldBe(0, "the retired release's pods are seen gone at the next observation, not a sync period later");
        entries["v2"].PendingReleaseStartTimestamp.ShouldNotBeNull("the anchor never set it (it compared with \"pendingRelease\")");
        entries["v2"].Clusters!.Select(c => (c.Name, c.Ready, c.Weight)).ShouldBe([("c1", 1, 100), ("c2", 1, 100), ("c3", 1, 100)]);
        _plane.Fleet.Find("c1")!.Get<k8s.Models.V1ReplicaSet>("web-production", "v1")!.Spec.Replicas.ShouldBe(0, "the retired release is scaled to zero");
        _plane.Module.Metrics.Count(IncarnationState.Released).ShouldBe(1);
        _plane.Module.Metrics.Weight("web", "production", "v2").ShouldBe(100);
        var revision = await _plane.Store.GetAsync<Revision>("default", "web-v2");
        revision!.Status.Targets!.Single().State.ShouldBe("released");
        revision.IsReady().ShouldBeTrue();
    }

    [Fact]
    public async Task A_bad_revision_crashing_in_one_cluster_fails_and_traffic_returns_to_the_old_one_at_once()
    {
        await ReleaseFirstAsync();
        await _plane.Store.CreateAsync(Revisions.Make("web", "bad", canaryPercent: 10, canaryTtl: 300));
        await _plane.AdvanceUntilAsync(EntriesAsync, e => e.TryGetValue("bad", out var b) && b.State.Current == "canarying" && b.CurrentPercent == 10,
            TimeSpan.FromMinutes(2), because: "the bad revision takes its canary traffic");
        RoutedWeights().Values.ShouldAllBe(w => w["bad"] == 10 && w["v1"] == 90);

        _plane.Fleet.Find("c2")!.Crash("bad");
        var started = _plane.Time.GetUtcNow();
        var after = await _plane.AdvanceUntilAsync(EntriesAsync, e => e["bad"].CurrentPercent == 0, TimeSpan.FromSeconds(30), because: "the canary is rolled back");

        (_plane.Time.GetUtcNow() - started).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2), "one tick (the observe period) after the crash alert");
        after["v1"].CurrentPercent.ShouldBe(100);
        after["bad"].State.Current.ShouldBeOneOf("failing", "failed");
        after["bad"].TriggeredAlerts.ShouldBe([SimulatedFleet.CrashAlert]);
        RoutedWeights().Values.ShouldAllBe(w => w.Count == 1 && w["v1"] == 100);
        var bad = await _plane.Store.GetAsync<Revision>("default", "web-bad");
        bad!.Spec.Failed.ShouldBeTrue();
        bad.Metadata.Annotations![RolloutsGroup.FailedReasonAnnotation].ShouldContain(SimulatedFleet.CrashAlert);

        var final = await _plane.AdvanceUntilAsync(EntriesAsync, e => e["bad"].State.Current == "failed", TimeSpan.FromSeconds(30), because: "failing settles as failed");
        final["v1"].State.Current.ShouldBe("released");
        _plane.Fleet.Find("c1")!.Get<k8s.Models.V1ReplicaSet>("web-production", "bad")!.Spec.Replicas.ShouldBe(0, "a failed revision is retired");
    }

    [Fact]
    public async Task An_unreachable_cluster_sets_its_condition_and_the_others_carry_on()
    {
        await ReleaseFirstAsync();
        await _plane.Store.CreateAsync(Revisions.Make("web", "v2"));
        await _plane.AdvanceUntilAsync(EntriesAsync, e => e.TryGetValue("v2", out var v2) && v2.CurrentPercent >= 10, TimeSpan.FromMinutes(2), because: "v2 starts its ramp");

        _plane.Fleet.Find("c3")!.Unreachable = true;
        var rm = await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            r => r!.Status.Revisions.Single(x => x.Tag == "v2").CurrentPercent == 100, TimeSpan.FromMinutes(3), because: "the ramp goes on in the reachable clusters");

        var reachable = rm!.Status.Find("ClustersReachable")!;
        reachable.Status.ShouldBe(Conditions.False);
        reachable.Message.ShouldContain("c3");
        rm.Status.Clusters!.Single(c => c.Name == "c3").Reachable.ShouldBeFalse();
        var weights = RoutedWeights();
        weights["c1"]["v2"].ShouldBe(100);
        weights["c2"]["v2"].ShouldBe(100);
        weights["c3"]["v2"].ShouldBeLessThan(100, "c3 keeps what it had until it answers again");

        _plane.Fleet.Find("c3")!.Unreachable = false;
        await _plane.AdvanceUntilAsync(async () => RoutedWeights()["c3"], w => w.GetValueOrDefault("v2") == 100, TimeSpan.FromMinutes(1), because: "c3 catches up");
    }

    [Fact]
    public async Task Drift_in_a_cluster_is_repaired_within_a_sync_period()
    {
        await ReleaseFirstAsync();
        var c1 = _plane.Fleet.Find("c1")!;
        var vs = c1.Get<VirtualService>("web-production", "web")!;
        vs.Spec.Http.Single(r => r.Name == "01_release-http").Route.Single().Weight = 0;
        await c1.UpdateAsync(vs);
        var rs = c1.Get<k8s.Models.V1ReplicaSet>("web-production", "v1")!;
        var replicas = rs.Spec.Replicas;
        rs.Spec.Replicas = 0;
        await c1.UpdateAsync(rs);
        var started = _plane.Time.GetUtcNow();

        // Nothing in the store changed, so nothing wakes the ReleaseManager: its periodic tick must look again.
        await _plane.AdvanceUntilAsync(async () => (Weights: RoutedWeights()["c1"], Replicas: c1.Get<k8s.Models.V1ReplicaSet>("web-production", "v1")!.Spec.Replicas),
            v => v.Weights.GetValueOrDefault("v1") == 100 && v.Replicas == replicas, TimeSpan.FromMinutes(1), because: "the drift in c1 is undone");
        (_plane.Time.GetUtcNow() - started).ShouldBeLessThanOrEqualTo(new RolloutOptions().SyncPeriod * 2);
    }

    [Fact]
    public async Task The_steady_state_writes_nothing()
    {
        await ReleaseFirstAsync();
        await _plane.AdvanceUntilAsync(async () => (await _plane.Store.GetAsync<Revision>("default", "web-v1"))!, r => r.IsReady(), TimeSpan.FromSeconds(30));
        var store = _plane.Host.Store.CommittedWrites;
        var clusters = _plane.Fleet.All.Sum(c => c.Writes);

        for (var i = 0; i < 60; i++)
        {
            _plane.Time.Advance(TimeSpan.FromSeconds(1));
            await _plane.SettleAsync();
        }

        _plane.Host.Store.CommittedWrites.ShouldBe(store);
        _plane.Fleet.All.Sum(c => c.Writes).ShouldBe(clusters);
        _plane.Module.Clients!.Builds.ShouldBe(3, "one client per cluster, reused on every tick");
    }
}
