using System.CommandLine;
using System.Globalization;

namespace Fleetdeck.Cli.Options;

/// <summary>A whole number with a lower bound (replicas, sizes in GiB).</summary>
internal static class CountOption
{
    public static Option<int> Create(string name, string description, int fallback, int minimum) => new(name)
    {
        Description = description,
        HelpName = "number",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum) return value;
            result.AddError($"{name} \"{text}\" is not a whole number of at least {minimum}");
            return fallback;
        },
    };
}
