using System.Globalization;
using System.Text.RegularExpressions;

namespace Fleetdeck.Rollouts.Api;

/// <summary>Durations written as Kubernetes writes them (<c>10s</c>, <c>1m30s</c>, <c>2h</c>, <c>500ms</c>).</summary>
public static partial class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative) s = s[1..];
        if (s == "0") return true;
        var matches = Part().Matches(s);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != s.Length) return false;
        double ms = 0;
        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ms += m.Groups[2].Value switch
            {
                "h" => n * 3_600_000,
                "m" => n * 60_000,
                "s" => n * 1000,
                "ms" => n,
                "us" or "µs" => n / 1000,
                _ => n / 1_000_000,
            };
        }
        value = TimeSpan.FromMilliseconds(negative ? -ms : ms);
        return true;
    }

    public static TimeSpan Parse(string? text, TimeSpan fallback) => TryParse(text, out var v) ? v : fallback;

    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var parts = new List<string>();
        if (value.Days * 24 + value.Hours > 0) parts.Add($"{value.Days * 24 + value.Hours}h");
        if (value.Minutes > 0) parts.Add($"{value.Minutes}m");
        if (value.Seconds > 0 || value.Milliseconds > 0)
            parts.Add(value.Milliseconds > 0 ? $"{value.Seconds + value.Milliseconds / 1000.0:0.###}s" : $"{value.Seconds}s");
        return string.Concat(parts);
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex Part();
}
