using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Products.Workbench;

/// <summary>
/// The order of resource profiles in <c>launcher.kubernetes.resources.conf</c>, which is the order Workbench offers them:
/// <c>default</c> first, then by CPU, then by memory (each the larger of limit and request), then by name.
/// </summary>
internal static class ResourceProfileOrder
{
    public static IEnumerable<KeyValuePair<string, JsonNode?>> Sort(IEnumerable<KeyValuePair<string, JsonNode?>> profiles) =>
        profiles
            .OrderBy(p => p.Key == "default" ? 0 : 1)
            .ThenBy(p => Effective(p.Value, "cpus", "cpus-request"))
            .ThenBy(p => Effective(p.Value, "mem-mb", "mem-mb-request"))
            .ThenBy(p => p.Key, StringComparer.Ordinal);

    private static decimal Effective(JsonNode? profile, string limit, string request) =>
        Math.Max(Parse(profile?[limit]?.GetValue<string>()), Parse(profile?[request]?.GetValue<string>()));

    /// <summary>A Kubernetes quantity as a number (<c>500m</c> = 0.5, <c>2Gi</c> = 2·2³⁰); 0 when empty or unreadable, as upstream.</summary>
    public static decimal Parse(string? quantity)
    {
        if (string.IsNullOrWhiteSpace(quantity)) return 0;
        var text = quantity.Trim();
        (string Suffix, decimal Factor)[] suffixes =
        [
            ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
            ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m),
        ];
        foreach (var (suffix, factor) in suffixes)
            if (text.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled))
                return scaled * factor;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
    }
}
