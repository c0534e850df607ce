using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.StateMachine;
using Fleetdeck.Rollouts.Traffic;
using static Fleetdeck.Rollouts.StateMachine.IncarnationState;

namespace Fleetdeck.Rollouts.Tests.Traffic;

public sealed class TrafficWeightsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReleaseSettings Defaults = ReleaseSettings.From(new ReleaseSpec { Eligible = true });

    private static TrafficIncarnation Inc(string tag, IncarnationState state, int current, int ageMinutes, int peak = -1, int canary = 0, DateTimeOffset? updated = null) =>
        new(tag, state, current, peak < 0 ? current : peak, updated, Now - TimeSpan.FromMinutes(ageMinutes), Defaults, canary);

    private static Dictionary<string, int> Compute(params TrafficIncarnation[] incarnations) =>
        Run(incarnations).Weights.ToDictionary(w => w.Tag, w => w.Percent);

    private static WeightsResult Run(TrafficIncarnation[] incarnations, bool paused = false, Func<TrafficIncarnation, int, bool>? gate = null) =>
        TrafficWeights.Compute(incarnations, Now, gate ?? ((_, _) => true), paused);

    [Fact]
    public void A_new_release_takes_its_first_step_and_the_old_one_shrinks()
    {
        var w = Compute(Inc("new", Releasing, 0, 1), Inc("old", Released, 100, 60));
        w["new"].ShouldBe(10);
        w["old"].ShouldBe(90);
    }

    [Fact]
    public void The_canary_comes_first_capped_at_its_percent_and_the_release_keeps_the_rest()
    {
        var w = Compute(Inc("canary", Canarying, 0, 1, canary: 5), Inc("old", Released, 100, 60));
        w["canary"].ShouldBe(5);
        w["old"].ShouldBe(95);
    }

    [Fact]
    public void Only_the_ramping_one_grows_older_ones_only_shrink()
    {
        // The older release has 30%: it may not grow back even though the newer one waits for its delay.
        var w = Compute(Inc("new", Releasing, 40, 1, updated: Now), Inc("old", Released, 30, 60), Inc("older", Retiring, 30, 90));
        w["new"].ShouldBe(40);
        w["old"].ShouldBe(30);
        w["older"].ShouldBe(30);
    }

    [Fact]
    public void Leftovers_go_to_the_ramping_incarnation()
    {
        // The retiring one vanished between ticks (it had 20%): the ramping release takes the leftover at once.
        var w = Compute(Inc("new", Releasing, 40, 1, updated: Now), Inc("old", Released, 40, 60));
        w["new"].ShouldBe(60);
        w["old"].ShouldBe(40);
    }

    [Fact]
    public void A_failing_incarnation_drops_to_zero_at_once_and_the_release_takes_it_all_back()
    {
        var w = Compute(Inc("bad", Failing, 10, 1), Inc("old", Released, 90, 60, peak: 100, updated: Now));
        w["bad"].ShouldBe(0);
        w["old"].ShouldBe(100);
    }

    [Fact]
    public void An_older_release_pushed_to_zero_loses_eligibility()
    {
        var result = Run([Inc("new", Releasing, 80, 1, peak: 80), Inc("old", Released, 20, 60, peak: 100)]);
        var old = result.Weights.Single(w => w.Tag == "old");
        old.Percent.ShouldBe(0);
        old.ReleaseEligibleRevoked.ShouldBeTrue();
        result.Weights.Single(w => w.Tag == "new").Percent.ShouldBe(100);
    }

    [Fact]
    public void Unreleasable_incarnations_get_zero()
    {
        var w = Compute(Inc("canaried", Canaried, 10, 1), Inc("deployed", Deployed, 0, 2), Inc("old", Released, 90, 60));
        w["canaried"].ShouldBe(0);
        w["deployed"].ShouldBe(0);
        w["old"].ShouldBe(100);
    }

    [Fact]
    public void Weights_always_add_up_to_100_while_anything_serves()
    {
        var states = new[] { Canarying, Releasing, Released, Retiring, Deleting, Failing, Deployed };
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var count = random.Next(1, 5);
            var incs = Enumerable.Range(0, count).Select(i => Inc($"t{i}", states[random.Next(states.Length)], random.Next(0, 101), random.Next(0, 100), canary: random.Next(0, 30),
                updated: random.Next(2) == 0 ? Now : null)).ToArray();
            var result = Run(incs, gate: (_, _) => random.Next(2) == 0);
            result.Error.ShouldBeNull();
            var anyReleasable = incs.Any(i => i.State is Canarying or Releasing or Released || (i.State is Retiring or Deleting or Failing && i.CurrentPercent > 0));
            result.Weights.Sum(w => w.Percent).ShouldBe(anyReleasable ? 100 : 0, string.Join(", ", incs.Select(i => $"{i.Tag} {i.State} {i.CurrentPercent}")));
        }
    }

    [Fact]
    public void Pause_holds_the_ramp()
    {
        var w = Run([Inc("new", Releasing, 10, 1), Inc("old", Released, 90, 60)], paused: true).Weights.ToDictionary(x => x.Tag, x => x.Percent);
        w["new"].ShouldBe(10);
        w["old"].ShouldBe(90);
    }

    [Fact]
    public void A_percent_change_records_when_it_happened_and_raises_the_peak()
    {
        var weight = Run([Inc("new", Releasing, 0, 1), Inc("old", Released, 100, 60)]).Weights.Single(x => x.Tag == "new");
        weight.PercentUpdated.ShouldBe(Now);
        weight.PeakPercent.ShouldBe(10);
    }
}
