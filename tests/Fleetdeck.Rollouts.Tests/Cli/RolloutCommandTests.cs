using Fleetdeck.Cli;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Tests.EndToEnd;

namespace Fleetdeck.Rollouts.Tests.Cli;

/// <summary><c>fleetdeck rollout ...</c> against the embedded control plane, through its kubeconfig like any client.</summary>
public sealed class RolloutCommandTests : IAsyncLifetime
{
    private EmbeddedControlPlane _plane = null!;

    public async Task InitializeAsync()
    {
        _plane = await EmbeddedControlPlane.StartAsync();
        await _plane.AddClustersAsync("production", "c1", "c2", "c3");
        await _plane.Store.CreateAsync(Revisions.Make("web", "v1"));
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm?.Status.Revisions.SingleOrDefault()?.State.Current == "released", TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync() => await _plane.DisposeAsync();

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await FleetdeckCli.RunAsync(["--kubeconfig", _plane.Host.State.Kubeconfig, "rollout", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Status_shows_each_revision_with_its_weight_per_cluster()
    {
        var (code, output, error) = await RunAsync("status", "web");

        code.ShouldBe(0, error);
        output.ShouldContain("web on production (fleet production)");
        output.ShouldContain("C1");
        output.ShouldMatch(@"v1\s+released\s+100%\s+100%\s+3/3\s+100% 1/1\s+100% 1/1\s+100% 1/1");
    }

    [Fact]
    public async Task Pause_holds_the_ramp_and_resume_lets_it_go_on()
    {
        (await RunAsync("pause", "web")).Out.ShouldContain("paused web on production");
        await _plane.Store.CreateAsync(Revisions.Make("web", "v2"));
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.Any(r => r.Tag == "v2" && r.State.Current == "releasing"), TimeSpan.FromMinutes(2));
        for (var i = 0; i < 30; i++)
        {
            _plane.Time.Advance(TimeSpan.FromSeconds(1));
            await _plane.SettleAsync();
        }
        (await _plane.ReleaseManagerAsync("web", "production"))!.Status.Revisions.Single(r => r.Tag == "v2").CurrentPercent.ShouldBe(0, "paused: no increase");
        (await RunAsync("status", "web")).Out.ShouldContain("[paused]");

        (await RunAsync("resume", "web")).Code.ShouldBe(0);
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.Single(r => r.Tag == "v2").CurrentPercent > 0, TimeSpan.FromMinutes(1), because: "resumed");
    }

    [Fact]
    public async Task Promote_goes_straight_to_full_traffic_and_abort_fails_the_newest()
    {
        await _plane.Store.CreateAsync(Revisions.Make("web", "v2", canaryPercent: 10, canaryTtl: 3600));
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.Any(r => r.Tag == "v2" && r.State.Current == "canarying" && r.CurrentPercent == 10), TimeSpan.FromMinutes(2));

        (await RunAsync("promote", "web")).Out.ShouldContain("promoted v2 of web on production");
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.Single(r => r.Tag == "v2").CurrentPercent == 100, TimeSpan.FromSeconds(20), because: "promoted: no canary wait, no ramp delays");

        await _plane.Store.CreateAsync(Revisions.Make("web", "v3"));
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.Any(r => r.Tag == "v3" && r.CurrentPercent > 0), TimeSpan.FromMinutes(2));
        (await RunAsync("abort", "web")).Out.ShouldContain("aborted v3");
        (await _plane.Store.GetAsync<Revision>("default", "web-v3"))!.Spec.Failed.ShouldBeTrue();
        await _plane.AdvanceUntilAsync(() => _plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.Single(r => r.Tag == "v2").CurrentPercent == 100, TimeSpan.FromSeconds(5), because: "traffic returns at once");
    }

    [Fact]
    public async Task An_unknown_app_or_target_is_one_clear_line_and_exit_1()
    {
        var (code, _, error) = await RunAsync("status", "nope");
        code.ShouldBe(1);
        error.ShouldContain("app \"nope\" has no rollout in namespace default");

        (await RunAsync("pause", "web", "--target", "staging")).Err.ShouldContain("has no target \"staging\" (targets: production)");
    }
}
