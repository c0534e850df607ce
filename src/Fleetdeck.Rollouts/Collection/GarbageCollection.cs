using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.StateMachine;

namespace Fleetdeck.Rollouts.Collection;

/// <summary>An incarnation as garbage collection sees it.</summary>
public sealed record CollectableIncarnation(string Tag, IncarnationState State, DateTimeOffset GitTimestamp, TimeSpan Ttl);

/// <summary>
/// Which incarnations' Revisions may go, as in the anchor: newest first, the 3 newest retired are always kept; any
/// other that is retired, deleting, deleted or failed and whose time plus TTL is past is selected; never all of them
/// (the oldest selected is spared when everything would go); an empty input selects nothing.
/// </summary>
public static class GarbageCollection
{
    public const int MinimumRetired = 3;

    public static IReadOnlyList<CollectableIncarnation> Select(IReadOnlyList<CollectableIncarnation> incarnations, DateTimeOffset now)
    {
        if (incarnations.Count == 0) return [];
        var ordered = incarnations.OrderByDescending(i => i.GitTimestamp).ThenByDescending(i => i.Tag, StringComparer.Ordinal).ToList();
        var selected = new List<CollectableIncarnation>();
        var retiredKept = 0;
        foreach (var inc in ordered)
        {
            if (inc.State == IncarnationState.Retired && retiredKept < MinimumRetired)
            {
                retiredKept++;
                continue;
            }
            var collectable = inc.State is IncarnationState.Retired or IncarnationState.Deleting or IncarnationState.Deleted or IncarnationState.Failed;
            if (collectable && inc.GitTimestamp + inc.Ttl < now) selected.Add(inc);
        }
        if (selected.Count == ordered.Count) selected.RemoveAt(selected.Count - 1);
        return selected;
    }

    /// <summary>The label that marks a Revision deletable for one target.</summary>
    public static string DeletableLabel(string target) => RolloutsGroup.DeletablePrefix + target;

    /// <summary>
    /// Whether every target of a Revision is marked deletable: each label must be present <em>and</em> "true" (the
    /// anchor wrote <c>!ok &amp;&amp; val != "true"</c>, so any value, even "false", counted as marked).
    /// </summary>
    public static bool IsDeletable(Revision revision)
    {
        if (revision.Spec.Targets.Count == 0) return false;
        var labels = revision.Metadata.Labels ?? new Dictionary<string, string>();
        foreach (var target in revision.Spec.Targets)
        {
            if (target.Name is null) return false;
            if (!labels.TryGetValue(DeletableLabel(target.Name), out var value) || value != "true") return false;
        }
        return true;
    }
}
