using System.Globalization;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Ages as the API server prints them in tables (<c>k8s.io/apimachinery/pkg/util/duration.HumanDuration</c>): <c>45s</c>, <c>3m12s</c>, <c>5h</c>, <c>2d3h</c>.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return F($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10) return seconds % 60 == 0 ? F($"{minutes}m") : F($"{minutes}m{seconds % 60}s");
        if (minutes < 60 * 3) return F($"{minutes}m");
        var hours = minutes / 60;
        if (hours < 8) return minutes % 60 == 0 ? F($"{hours}h") : F($"{hours}h{minutes % 60}m");
        if (hours < 48) return F($"{hours}h");
        if (hours < 24 * 8) return hours % 24 == 0 ? F($"{hours / 24}d") : F($"{hours / 24}d{hours % 24}h");
        if (hours < 24 * 365 * 2) return F($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? F($"{hours / 24 / 365}y") : F($"{hours / 24 / 365}y{days}d");
        }
        return F($"{hours / 24 / 365}y");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
