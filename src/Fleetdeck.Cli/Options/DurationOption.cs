using System.CommandLine;

namespace Fleetdeck.Cli.Options;

/// <summary>An option holding a duration (<see cref="DurationText"/>); a value that is not one is refused at parse time, naming the option.</summary>
internal static class DurationOption
{
    public static Option<Duration> Create(string name, string description, TimeSpan fallback, bool allowZero = false) => new(name)
    {
        Description = $"{description} (e.g. {DurationText.Examples})",
        HelpName = "duration",
        DefaultValueFactory = _ => new Duration(fallback),
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!DurationText.TryParse(text, out var value))
                result.AddError($"{name} \"{text}\" is not a duration such as {DurationText.Examples}");
            else if (value == TimeSpan.Zero && !allowZero)
                result.AddError($"{name} must be more than 0");
            return new Duration(value);
        },
    };
}
