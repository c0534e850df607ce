namespace Fleetdeck.Rollouts.Api;

/// <summary>Reads a label or annotation that may be missing (metadata maps are <see cref="IDictionary{TKey, TValue}"/>).</summary>
internal static class MetadataValues
{
    public static string? Value(this IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
