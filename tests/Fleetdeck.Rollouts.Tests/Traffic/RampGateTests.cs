using Fleetdeck.Rollouts.Traffic;

namespace Fleetdeck.Rollouts.Tests.Traffic;

public sealed class RampGateTests
{
    private static readonly double[] ThreeClusters = [1, 1, 1];

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_first_release_needs_90_percent_of_its_minimum(int ready, bool expected) =>
        new RampGate(ready, 3, 3, 3, false, [], ThreeClusters).CanRampTo(100).ShouldBe(expected);

    [Fact]
    public void Against_an_old_release_the_need_scales_with_the_traffic_it_serves()
    {
        // 30 pods serve 100%: 10% needs ⌈3 clusters × ⌈⌈3⌉/3⌉ × 0.9⌉ = 3 pods.
        var gate = new RampGate(3, 1, 1, 30, false, [new GateOther(30, 100, 100)], ThreeClusters);
        gate.CanRampTo(10).ShouldBeTrue();
        gate.CanRampTo(50).ShouldBeFalse();
        (gate with { SelfReady = 14 }).CanRampTo(50).ShouldBeTrue();
    }

    [Fact]
    public void The_need_is_capped_at_the_maximum_scale() =>
        new RampGate(6, 1, 1, 6, false, [new GateOther(300, 100, 100)], ThreeClusters).CanRampTo(100).ShouldBeTrue();

    [Fact]
    public void Scaling_factors_multiply_each_clusters_share()
    {
        var gate = new RampGate(0, 3, 3, 3, false, [], [1, 2, 0.5]);
        gate.ExpectedTotalReplicas(3, 100).ShouldBe(1 + 2 + 1);
    }

    [Fact]
    public void No_live_cluster_never_ramps() =>
        new RampGate(10, 1, 1, 1, false, [], []).CanRampTo(10).ShouldBeFalse();

    [Theory]
    [InlineData(1, 100, 3, 1.0, 1)]
    [InlineData(10, 100, 3, 1.0, 4)]
    [InlineData(10, 50, 3, 1.0, 2)]
    [InlineData(10, 100, 3, 2.0, 8)]
    [InlineData(0, 100, 3, 1.0, 1)]
    public void Replicas_are_divided_over_the_live_clusters_at_least_one(int replicas, int percent, int live, double factor, int expected) =>
        RampGate.DivideReplicas(replicas, percent, live, factor).ShouldBe(expected);
}
