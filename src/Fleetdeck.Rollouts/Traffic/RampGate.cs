namespace Fleetdeck.Rollouts.Traffic;

/// <summary>Another incarnation of the same app and target, as the ramp gate sees it.</summary>
public sealed record GateOther(int Pods, int CurrentPercent, int PeakPercent);

/// <summary>
/// Whether an incarnation has the replicas to take <c>p</c> percent: at least 90% of what the traffic already served by
/// the others needs per percent, scaled to <c>p</c>, summed over the live clusters with their scaling factors.
/// </summary>
/// <remarks>
/// <see cref="ClusterFactors"/> are the live clusters counted (those that answered); replicas are divided over
/// <see cref="LiveClusters"/> (all live ones, reachable or not), as the workloads themselves are sized.
/// </remarks>
public sealed record RampGate(int SelfReady, int? ScaleMin, int ScaleDefault, int ScaleMax, bool HasAutoscaler, IReadOnlyList<GateOther> Others, IReadOnlyList<double> ClusterFactors, int? LiveClusters = null)
{
    public bool CanRampTo(int percent)
    {
        if (ClusterFactors.Count == 0) return false;
        // The anchor refuses to ramp at all without scale.min; the default replicas are the sensible floor instead.
        var min = ScaleMin ?? ScaleDefault;
        var others = Others.Where(o => o.CurrentPercent > 0 && o.Pods > 0).ToList();
        var pods = others.Sum(o => o.Pods);
        var traffic = others.Sum(o => o.CurrentPercent);
        int baseReplicas;
        if (pods == 0 || traffic == 0) baseReplicas = min;
        else if (others.Any(o => o.PeakPercent == 100 && o.CurrentPercent < 100))
            baseReplicas = HasAutoscaler ? pods : (min == 0 ? ScaleMax : min);
        else baseReplicas = (int)Math.Ceiling(pods / (traffic / 100.0));

        var need = (int)Math.Ceiling(ExpectedTotalReplicas(baseReplicas, percent) * 0.9);
        if (ScaleMax > 0) need = Math.Min(need, ExpectedTotalReplicas(ScaleMax, 100));
        return SelfReady >= need;
    }

    /// <summary>Σ over live clusters of ⌈⌈⌈p/100·n⌉ / live⌉ · factor⌉.</summary>
    public int ExpectedTotalReplicas(int replicas, int percent)
    {
        var live = Math.Max(LiveClusters ?? ClusterFactors.Count, ClusterFactors.Count);
        var total = (int)Math.Ceiling(percent / 100.0 * replicas);
        var perCluster = (int)Math.Ceiling(total / (double)live);
        return ClusterFactors.Sum(f => (int)Math.Ceiling(perCluster * f));
    }

    /// <summary>Replicas of one cluster for <paramref name="replicas"/> in all at <paramref name="percent"/>: at least one.</summary>
    public static int DivideReplicas(int replicas, int percent, int liveClusters, double factor) =>
        liveClusters <= 0 ? 0 : (int)Math.Ceiling(Math.Max(1, Math.Ceiling(Math.Min(percent, 100) / 100.0 * replicas / liveClusters)) * factor);
}
