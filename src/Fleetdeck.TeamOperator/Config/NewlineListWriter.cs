namespace Fleetdeck.TeamOperator.Config;

/// <summary>Writes one item per line (<c>vscode.extensions.conf</c>), skipping empty items, with a trailing newline.</summary>
public static class NewlineListWriter
{
    public static string Write(IEnumerable<string> items) =>
        ConfigValue.EnsureTrailingNewline(string.Join("\n", items.Where(i => i.Length > 0)));
}
