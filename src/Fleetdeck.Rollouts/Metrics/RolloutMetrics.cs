using System.Collections.Concurrent;
using Prometheus;
using Fleetdeck.Rollouts.StateMachine;

namespace Fleetdeck.Rollouts.Metrics;

/// <summary>
/// The engine's metrics: incarnations by state, release weight per revision, and the latency from a revision's
/// creation to deployed and to released. Bound to the host's registry when the control plane starts.
/// </summary>
public sealed class RolloutMetrics
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<(string App, string Target, string Tag)>> _weights = new(StringComparer.Ordinal);
    private Gauge? _incarnations;
    private Gauge? _weight;
    private Histogram? _deployLatency;
    private Histogram? _releaseLatency;

    public RolloutMetrics(CollectorRegistry? registry = null)
    {
        if (registry is not null) Bind(registry);
    }

    public void Bind(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _incarnations = factory.CreateGauge("fleetdeck_rollouts_incarnations", "Incarnations by state, over every ReleaseManager.", "state");
        _weight = factory.CreateGauge("fleetdeck_rollouts_release_weight_percent", "Release traffic per revision, in percent.", "app", "target", "tag");
        var buckets = Histogram.ExponentialBuckets(1, 2, 14);
        _deployLatency = factory.CreateHistogram("fleetdeck_rollouts_deploy_latency_seconds", "From a revision's creation to deployed.",
            new HistogramConfiguration { LabelNames = ["target"], Buckets = buckets });
        _releaseLatency = factory.CreateHistogram("fleetdeck_rollouts_release_latency_seconds", "From a revision's creation to released (100%).",
            new HistogramConfiguration { LabelNames = ["target"], Buckets = buckets });
        foreach (var state in IncarnationStates.All) _incarnations.WithLabels(state.Name()).Set(0);
    }

    /// <summary>Replaces one ReleaseManager's contribution (states and weights); null when it is gone.</summary>
    public void Record(string releaseManager, string app, string target, IReadOnlyList<(string Tag, string State, int Percent)>? incarnations)
    {
        var before = _states.GetValueOrDefault(releaseManager) ?? [];
        IReadOnlyList<string> after = incarnations is null ? [] : [.. incarnations.Select(i => i.State)];
        if (incarnations is null)
        {
            _states.TryRemove(releaseManager, out _);
            if (_weights.TryRemove(releaseManager, out var gone))
                foreach (var (a, t, tag) in gone) _weight?.RemoveLabelled(a, t, tag);
        }
        else
        {
            _states[releaseManager] = after;
            var previous = _weights.GetValueOrDefault(releaseManager) ?? [];
            var current = incarnations.Select(i => (App: app, Target: target, i.Tag)).ToList();
            foreach (var stale in previous.Except(current)) _weight?.RemoveLabelled(stale.App, stale.Target, stale.Tag);
            foreach (var (tag, _, percent) in incarnations) _weight?.WithLabels(app, target, tag).Set(percent);
            _weights[releaseManager] = current;
        }
        // Most ticks change no state; when one does, only the states it left or entered are recounted.
        if (_incarnations is null || before.SequenceEqual(after, StringComparer.Ordinal)) return;
        foreach (var state in before.Concat(after).Distinct(StringComparer.Ordinal))
            _incarnations.WithLabels(state).Set(_states.Values.Sum(s => s.Count(x => x == state)));
    }

    public void Deployed(string target, TimeSpan sinceCreated) => _deployLatency?.WithLabels(target).Observe(Math.Max(0, sinceCreated.TotalSeconds));

    public void Released(string target, TimeSpan sinceCreated) => _releaseLatency?.WithLabels(target).Observe(Math.Max(0, sinceCreated.TotalSeconds));

    public double Count(IncarnationState state) => _incarnations?.WithLabels(state.Name()).Value ?? 0;

    public double Weight(string app, string target, string tag) => _weight?.WithLabels(app, target, tag).Value ?? 0;

}
