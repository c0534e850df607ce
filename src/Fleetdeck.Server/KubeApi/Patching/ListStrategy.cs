namespace Fleetdeck.Server.KubeApi.Patching;

/// <summary>How a strategic merge patch treats one list field.</summary>
/// <param name="Merge">Whether the list merges (otherwise the patch's list replaces it, as for <c>tolerations</c>).</param>
/// <param name="MergeKey">The key that identifies elements of a list of objects; null for a merged list of scalars (<c>finalizers</c>).</param>
internal sealed record ListStrategy(bool Merge, string? MergeKey)
{
    public static ListStrategy Replace { get; } = new(false, null);
}
