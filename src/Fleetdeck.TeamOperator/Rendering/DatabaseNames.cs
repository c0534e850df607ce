using System.Text;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>Upstream's database naming: the component name with <c>[^a-z0-9]</c> replaced by <c>_</c>.</summary>
public static class DatabaseNames
{
    public static string Of(string component)
    {
        var text = new StringBuilder(component.Length);
        foreach (var c in component) text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        return text.ToString();
    }

    /// <summary><c>postgres://&lt;db&gt;@&lt;host&gt;/&lt;db&gt;</c>: the database's URL without a password.</summary>
    public static string Url(string database, string host) => $"postgres://{database}@{host}/{database}";
}
