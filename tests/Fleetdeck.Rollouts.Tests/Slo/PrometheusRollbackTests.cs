using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Slo;
using Fleetdeck.Rollouts.Tests.EndToEnd;

namespace Fleetdeck.Rollouts.Tests.Slo;

/// <summary>
/// Against a real Prometheus: it scrapes the test app, evaluates the recording and canary rules the engine generates, and
/// the engine reads <c>ALERTS</c> through the HTTP API. A canary whose error rate climbs is rolled back within one tick of
/// its alert firing.
/// </summary>
public sealed class PrometheusRollbackTests
{
    [Fact]
    public async Task A_canary_rolls_back_within_one_tick_of_its_alert_firing()
    {
        using var app = new TestApp("v1", "v2");
        var slos = new[] { SloRulesTests.Availability() };
        var rules = PrometheusRuleFile.Render([SloRules.RecordingRules("web", "web-production", slos)!, SloRules.CanaryRules("web", "v2", "web-production", slos)!]);
        await using var prometheus = await PrometheusServer.StartAsync(app.Address, rules);

        var clock = EmbeddedControlPlane.NewClock();
        using var http = new HttpClient();
        var source = new PrometheusAlertSource(http, prometheus.Address, clock, timeout: TimeSpan.FromSeconds(5), cacheTtl: TimeSpan.Zero);
        var options = new RolloutOptions { Alerts = source };
        await using var plane = await EmbeddedControlPlane.StartAsync(options, clock);
        await plane.AddClustersAsync("production", "c1", "c2", "c3");

        await plane.Store.CreateAsync(Revisions.Make("web", "v1"));
        await plane.AdvanceUntilAsync(() => plane.ReleaseManagerAsync("web", "production"), rm => rm?.Status.Revisions.SingleOrDefault(r => r.Tag == "v1")?.State.Current == "released",
            TimeSpan.FromMinutes(3), because: "v1 is released");
        await plane.Store.CreateAsync(Revisions.Make("web", "v2", canaryPercent: 10, canaryTtl: 3600));
        await plane.AdvanceUntilAsync(() => plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.SingleOrDefault(r => r.Tag == "v2") is { State.Current: "canarying", CurrentPercent: 10 }, TimeSpan.FromMinutes(2), because: "v2 canaries");

        // Healthy: Prometheus has the SLI series for both tags and no alert fires; ticks keep the canary.
        await Eventually.HoldsAsync(async () => (await http.GetStringAsync(new Uri(prometheus.Address, "api/v1/query?query=" + Uri.EscapeDataString("web:availability:total")))).Contains("\"v2\""),
            ChildProcess.Quiet, "Prometheus records the SLI of both tags"); // what Prometheus reports ends the wait, not a guess at how long it takes
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(options.ObservePeriod);
            await plane.SettleAsync();
        }
        (await prometheus.FiringAsync()).ShouldBeEmpty();
        (await plane.ReleaseManagerAsync("web", "production"))!.Status.Revisions.Single(r => r.Tag == "v2").CurrentPercent.ShouldBe(10);
        var queriesBefore = source.Queries;
        queriesBefore.ShouldBeGreaterThan(0);

        app.Failing = "v2";
        await Eventually.HoldsAsync(async () => (await prometheus.FiringAsync()).Contains(("availability_canary", "v2")), ChildProcess.Quiet, "the canary alert fires in Prometheus");

        var fired = clock.GetUtcNow();
        var rm = await plane.AdvanceUntilAsync(() => plane.ReleaseManagerAsync("web", "production"),
            r => r!.Status.Revisions.Single(x => x.Tag == "v2").CurrentPercent == 0, options.ObservePeriod, because: "the canary is rolled back within one tick");

        (clock.GetUtcNow() - fired).ShouldBeLessThanOrEqualTo(options.ObservePeriod);
        var v2 = rm!.Status.Revisions.Single(x => x.Tag == "v2");
        v2.State.Current.ShouldBeOneOf("failing", "failed");
        v2.TriggeredAlerts.ShouldBe(["availability_canary"]);
        rm.Status.Revisions.Single(x => x.Tag == "v1").CurrentPercent.ShouldBe(100);
        var revision = await plane.Store.GetAsync<Revision>("default", "web-v2");
        revision!.Spec.Failed.ShouldBeTrue();
        revision.Metadata.Annotations![RolloutsGroup.FailedReasonAnnotation].ShouldBe("SLO alerts firing: availability_canary");
        source.Queries.ShouldBeGreaterThan(queriesBefore);
    }
}
