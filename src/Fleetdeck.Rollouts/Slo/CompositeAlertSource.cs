namespace Fleetdeck.Rollouts.Slo;

/// <summary>Alerts from several sources at once (Prometheus and the simulated clusters), merged per tag.</summary>
public sealed class CompositeAlertSource(IReadOnlyList<IAlertSource> sources) : IAlertSource
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FiringAsync(string app, bool canariesOnly, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var source in sources)
            foreach (var (tag, alerts) in await source.FiringAsync(app, canariesOnly, cancellationToken).ConfigureAwait(false))
            {
                if (!merged.TryGetValue(tag, out var set)) merged[tag] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.UnionWith(alerts);
            }
        return merged.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value], StringComparer.Ordinal);
    }
}
