using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleetdeck.Cli.Options;

/// <summary>
/// Durations as Go, kubectl and people write them: a sequence of numbers with units (<c>ns</c>, <c>us</c>/<c>µs</c>,
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), decimals allowed: <c>500ms</c>, <c>15s</c>, <c>1.5h</c>, <c>1h30m</c>.
/// </summary>
internal static partial class DurationText
{
    public const string Examples = "15s, 500ms, 10m, 1h30m";

    [GeneratedRegex(@"\G(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text?.Trim() ?? "";
        if (text == "0") return true;
        if (text.Length == 0) return false;
        double milliseconds = 0;
        var at = 0;
        while (at < text.Length)
        {
            var match = Part().Match(text, at);
            if (!match.Success) return false;
            var number = double.Parse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            milliseconds += number * match.Groups[2].Value switch
            {
                "ns" => 1e-6,
                "us" or "µs" => 1e-3,
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                _ => 3_600_000,
            };
            at += match.Length;
        }
        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>The way it is typed: <c>2s</c>, <c>500ms</c>, <c>1h30m</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        if (value < TimeSpan.FromSeconds(1)) return $"{value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        var text = new StringBuilder();
        if (value.TotalHours >= 1) text.Append(CultureInfo.InvariantCulture, $"{(long)value.TotalHours}h");
        if (value.Minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        var seconds = value.Seconds + value.Milliseconds / 1000.0;
        if (seconds > 0) text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
