using System.CommandLine;

namespace Fleetdeck.Cli.Options;

/// <summary>One of a few words (case-insensitive); anything else is refused in one line that names the option and the words.</summary>
internal static class ChoiceOption
{
    public static Option<string> Create(string name, string description, IReadOnlyList<string> values, string fallback, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = string.Join('|', values),
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) is { } value) return value;
            result.AddError($"{name} \"{text}\" is not one of {string.Join(", ", values)}");
            return fallback;
        },
    };

    /// <summary>An enum's names (<c>--log-level debug</c>); numbers are refused, though .NET would take them.</summary>
    public static Option<T> Enum<T>(string name, string description, T fallback) where T : struct, System.Enum => new(name)
    {
        Description = description,
        HelpName = string.Join('|', System.Enum.GetNames<T>()),
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } known) return System.Enum.Parse<T>(known);
            result.AddError($"{name} \"{text}\" is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
            return fallback;
        },
    };
}
