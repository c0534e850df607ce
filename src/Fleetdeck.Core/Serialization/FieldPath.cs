using System.Text.RegularExpressions;

namespace Fleetdeck.Core.Serialization;

/// <summary>Field paths spelled as System.Text.Json spells them (<c>spec.containers[0].image</c>, <c>metadata.labels['a.b/c']</c>).</summary>
public static partial class FieldPath
{
    public static string Property(string parent, string name)
    {
        var simple = SimpleName().IsMatch(name);
        var segment = simple ? name : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
        if (parent.Length == 0) return segment;
        return simple ? $"{parent}.{segment}" : parent + segment;
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>Turns System.Text.Json's <c>$.spec.x</c> into <c>spec.x</c>.</summary>
    public static string FromJsonException(string? path) =>
        path is null ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // The characters for which System.Text.Json switches to the ['name'] form.
    [GeneratedRegex(@"^[^. '/""\[\]()\t\n\r\f\b\\\u0085\u2028\u2029]+$")]
    private static partial Regex SimpleName();
}
