using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Traffic;

namespace Fleetdeck.Rollouts.Tests.Traffic;

public sealed class RampStepTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static ReleaseSettings Geometric(int start = 10, int factor = 2, int max = 100) =>
        ReleaseSettings.From(new ReleaseSpec { Max = max, GeometricScaling = new GeometricScaling { Start = start, Factor = factor, Delay = "10s" } });

    private static ReleaseSettings Linear(int increment = 5, int max = 100) =>
        ReleaseSettings.From(new ReleaseSpec { Max = max, ScalingStrategy = "linear", LinearScaling = new LinearScaling { Increment = increment, Delay = "10s" } });

    [Theory]
    [InlineData(0, 100, 10)]
    [InlineData(5, 100, 10)]
    [InlineData(10, 100, 20)]
    [InlineData(20, 100, 40)]
    [InlineData(40, 100, 80)]
    [InlineData(80, 100, 100)]
    [InlineData(100, 100, 100)]
    [InlineData(40, 30, 30)]  // above the ceiling: straight down to it
    [InlineData(10, 0, 0)]    // no room: zero
    [InlineData(10, -5, 0)]
    public void Geometric_steps(int current, int max, int expected) =>
        RampStep.Next(current, max, Geometric()).ShouldBe(expected);

    [Theory]
    [InlineData(0, 100, 5)]
    [InlineData(5, 100, 10)]
    [InlineData(95, 100, 100)]
    [InlineData(98, 100, 100)]
    [InlineData(50, 20, 20)]
    public void Linear_steps(int current, int max, int expected) =>
        RampStep.Next(current, max, Linear()).ShouldBe(expected);

    [Fact]
    public void The_release_max_caps_every_step() =>
        RampStep.Next(40, 100, Geometric(max: 50)).ShouldBe(50);

    [Fact]
    public void A_huge_factor_does_not_overflow() =>
        RampStep.Next(90, 100, Geometric(factor: int.MaxValue)).ShouldBe(100);

    [Fact]
    public void Steps_of_the_defaults_are_10_20_40_80_100()
    {
        RampStep.Steps(Geometric()).ShouldBe([10, 20, 40, 80, 100]);
        RampStep.Steps(Linear(increment: 25)).ShouldBe([25, 50, 75, 100]);
    }

    [Fact]
    public void A_decrease_is_immediate_even_within_the_delay() =>
        RampStep.Scale(80, 30, Geometric(), Now, Now, _ => false).ShouldBe(30);

    [Fact]
    public void An_increase_waits_for_the_delay()
    {
        RampStep.Scale(10, 100, Geometric(), Now - TimeSpan.FromSeconds(9), Now, _ => true).ShouldBe(10);
        RampStep.Scale(10, 100, Geometric(), Now - TimeSpan.FromSeconds(10), Now, _ => true).ShouldBe(20);
    }

    [Fact]
    public void An_increase_waits_for_the_ramp_gate() =>
        RampStep.Scale(10, 100, Geometric(), null, Now, p => p <= 10).ShouldBe(10);

    [Fact]
    public void Paused_holds_increases_but_not_decreases()
    {
        RampStep.Scale(10, 100, Geometric(), null, Now, _ => true, paused: true).ShouldBe(10);
        RampStep.Scale(50, 20, Geometric(), null, Now, _ => true, paused: true).ShouldBe(20);
    }

    [Fact]
    public void Promoted_skips_the_delay_and_goes_to_the_ceiling() =>
        RampStep.Scale(10, 100, Geometric(), Now, Now, _ => true, promoted: true).ShouldBe(100);
}
