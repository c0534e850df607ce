namespace Fleetdeck.TeamOperator.Tests;

internal static class Lines
{
    /// <summary>The first line where two texts differ, with its number, or null when they are equal.</summary>
    public static string? FirstDifference(string expected, string actual)
    {
        if (expected == actual) return null;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al) return $"line {i + 1}: expected <{el}>, got <{al}>";
        }
        return "line endings differ";
    }
}
