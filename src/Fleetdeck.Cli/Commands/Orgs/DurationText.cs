using System.Globalization;
using System.Text.RegularExpressions;

namespace Fleetdeck.Cli.Commands.Orgs;

/// <summary>Durations as people type them: <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1h30m</c>.</summary>
internal static partial class DurationText
{
    [GeneratedRegex(@"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")]
    private static partial Regex Pattern();

    public static TimeSpan Parse(string text, string option)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || text.Trim().Length == 0)
            throw new CliException($"{option}: \"{text}\" is not a duration (examples: 90s, 15m, 2h, 1h30m)");
        int Part(int i) => match.Groups[i].Success ? int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(1), Part(2), Part(3));
    }
}
