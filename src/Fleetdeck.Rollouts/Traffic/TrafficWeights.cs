using Fleetdeck.Rollouts.StateMachine;

namespace Fleetdeck.Rollouts.Traffic;

/// <summary>
/// The weights of every incarnation of an app on a target for one tick, as a pure function, recomputed from scratch
/// each tick so they heal themselves:
/// <list type="number">
/// <item>order: canarying (newest first), then releasing/released (newest first), then retiring/deleting/failing that
///   still have traffic; everything else gets 0;</item>
/// <item>the first that is not a canary ramps; older ones can only shrink; a canary is capped at its percent;</item>
/// <item>a failing incarnation drops to 0 at once (the anchor drained it slowly), and what is left over goes to the
///   ramping one, so traffic returns to the last release in the same tick;</item>
/// <item>an older release pushed to 0 loses release eligibility (it retires on the next tick).</item>
/// </list>
/// A sum that cannot be is an error value, never an assertion that stops the process.
/// </summary>
public static class TrafficWeights
{
    public static WeightsResult Compute(IReadOnlyList<TrafficIncarnation> incarnations, DateTimeOffset now, Func<TrafficIncarnation, int, bool> canRampTo, bool paused = false)
    {
        var releasable = incarnations.Where(i => i.State == IncarnationState.Canarying).OrderByDescending(i => i.GitTimestamp).ThenByDescending(i => i.Tag, StringComparer.Ordinal)
            .Concat(incarnations.Where(i => i.State is IncarnationState.Releasing or IncarnationState.Released).OrderByDescending(i => i.GitTimestamp).ThenByDescending(i => i.Tag, StringComparer.Ordinal))
            .Concat(incarnations.Where(i => i.State is IncarnationState.Retiring or IncarnationState.Deleting or IncarnationState.Failing && i.CurrentPercent > 0).OrderByDescending(i => i.GitTimestamp).ThenByDescending(i => i.Tag, StringComparer.Ordinal))
            .ToList();

        var results = new Dictionary<string, TrafficWeight>(StringComparer.Ordinal);
        foreach (var i in incarnations)
            results[i.Tag] = Update(i, 0, now, revoked: false);

        var remaining = 100;
        var first = -1;
        var percents = new int[releasable.Count];
        var revokes = new bool[releasable.Count];
        for (var n = 0; n < releasable.Count; n++)
        {
            var inc = releasable[n];
            var ramping = inc.State is not (IncarnationState.Canarying or IncarnationState.Canaried);
            if (first == -1 && ramping) first = n;
            var max = remaining;
            if (first != -1 && n > first) max = Math.Min(inc.CurrentPercent, remaining);
            if (inc.State == IncarnationState.Canarying) max = Math.Min(max, inc.CanaryPercent);
            if (inc.State == IncarnationState.Failing) max = 0;
            var pct = RampStep.Scale(inc.CurrentPercent, max, inc.Settings, inc.PercentUpdated, now, p => canRampTo(inc, p),
                paused: paused && !inc.Promoted, promoted: inc.Promoted);
            if (pct > remaining || pct < 0)
                return WeightsResult.Fail($"incarnation {inc.Tag} would take {pct}% with only {remaining}% left; weights left unchanged");
            percents[n] = pct;
            remaining -= pct;
            if (pct == 0 && first != -1 && n > first && inc.State is IncarnationState.Releasing or IncarnationState.Released) revokes[n] = true;
        }
        if (remaining > 0 && releasable.Count > 0)
        {
            // Leftovers go to the ramping incarnation (else the first one): the total is always 100 while anything serves.
            percents[first != -1 ? first : 0] += remaining;
            remaining = 0;
        }
        for (var n = 0; n < releasable.Count; n++)
            results[releasable[n].Tag] = Update(releasable[n], percents[n], now, revokes[n]);

        var total = results.Values.Sum(r => r.Percent);
        if (releasable.Count > 0 && total != 100)
            return WeightsResult.Fail($"weights add up to {total}%, not 100%; weights left unchanged");
        return new WeightsResult([.. incarnations.Select(i => results[i.Tag])], null);
    }

    private static TrafficWeight Update(TrafficIncarnation inc, int percent, DateTimeOffset now, bool revoked) =>
        new(inc.Tag, percent, Math.Max(inc.PeakPercent, percent), percent != inc.CurrentPercent ? now : inc.PercentUpdated, revoked);
}

/// <summary>Every incarnation's new weight, in input order, or why none could be computed.</summary>
public sealed record WeightsResult(IReadOnlyList<TrafficWeight> Weights, string? Error)
{
    public static WeightsResult Fail(string error) => new([], error);
}
