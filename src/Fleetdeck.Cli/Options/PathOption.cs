using System.CommandLine;
using System.CommandLine.Parsing;

namespace Fleetdeck.Cli.Options;

/// <summary>
/// A file or directory path, as typed: relative, absolute, or starting with <c>~</c> (which a shell leaves alone after
/// <c>--option=</c>, so it is expanded here). <c>-</c> (standard input or output) is kept as it is. Empty is refused.
/// </summary>
internal static class PathOption
{
    public static Option<string> Create(string name, string description, string fallback, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "path",
        DefaultValueFactory = _ => fallback,
        CustomParser = result => One(result, name) ?? fallback,
    };

    public static Option<string?> Optional(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "path",
        CustomParser = result => One(result, name),
    };

    public static Option<string[]> Many(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "path",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => [.. result.Tokens.Select(t => Expand(t.Value, name, result)).OfType<string>()],
    };

    private static string? One(ArgumentResult result, string name) =>
        result.Tokens.Count == 1 ? Expand(result.Tokens[0].Value, name, result) : null;

    private static string? Expand(string text, string name, ArgumentResult result)
    {
        if (text.Trim().Length == 0)
        {
            result.AddError($"{name} needs a path, not an empty value");
            return null;
        }
        return Expand(text);
    }

    /// <summary><c>~</c> and <c>~/…</c> become the home directory; everything else is left as it is.</summary>
    public static string Expand(string text)
    {
        if (text != "~" && !text.StartsWith("~/", StringComparison.Ordinal)) return text;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? text : Path.Join(home, text[1..].TrimStart('/'));
    }
}
