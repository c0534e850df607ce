using System.CommandLine;
using System.Globalization;

namespace Fleetdeck.Cli.Commands;

/// <summary>An option holding a duration written as Go and kubectl write them: <c>500ms</c>, <c>15s</c>, <c>1m</c>, <c>2h</c>.</summary>
internal static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan fallback) => new(name)
    {
        Description = $"{description} (e.g. 15s, 500ms, 1m)",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var value) && value > TimeSpan.Zero) return value;
            result.AddError($"{name} \"{text}\" is not a duration such as 15s, 500ms or 1m");
            return fallback;
        },
    };

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var units = new (string Suffix, double Milliseconds)[] { ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        foreach (var (suffix, ms) in units)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var number = text[..^suffix.Length];
            if (suffix == "s" && number.EndsWith('m')) continue; // "ms" is handled first
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return false;
            value = TimeSpan.FromMilliseconds(n * ms);
            return true;
        }
        return false;
    }
}
