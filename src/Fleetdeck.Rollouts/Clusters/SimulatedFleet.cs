using System.Collections.Concurrent;
using Fleetdeck.Core.Objects;
using Fleetdeck.Rollouts.Slo;

namespace Fleetdeck.Rollouts.Clusters;

/// <summary>
/// The simulated clusters of the embedded mode, by name, shared by every controller of one control plane; also an
/// alert source: a tag whose pods crash raises <c>PodsCrashLooping</c>, as a real cluster's alerting would.
/// </summary>
public sealed class SimulatedFleet(KindRegistry kinds, TimeProvider time) : IAlertSource
{
    public const string CrashAlert = "PodsCrashLooping";

    private readonly ConcurrentDictionary<string, SimulatedCluster> _clusters = new(StringComparer.Ordinal);

    public SimulatedCluster Get(string name, TimeSpan readyAfter)
    {
        var cluster = _clusters.GetOrAdd(name, n => new SimulatedCluster(n, kinds, time, readyAfter));
        cluster.ReadyAfter = readyAfter;
        return cluster;
    }

    public SimulatedCluster? Find(string name) => _clusters.GetValueOrDefault(name);

    public IReadOnlyList<SimulatedCluster> All => [.. _clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FiringAsync(string app, bool canariesOnly, CancellationToken cancellationToken)
    {
        var firing = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var cluster in _clusters.Values)
            foreach (var (a, tag) in cluster.CrashingPods())
                if (a == app) firing[tag] = [CrashAlert];
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(firing);
    }
}
