using System.CommandLine;
using System.Globalization;

namespace Fleetdeck.Cli.Options;

/// <summary>A TCP port: <c>8480</c> (or <c>:8480</c>, as addresses are often written); 0 picks a free one.</summary>
internal static class PortOption
{
    public static Option<int> Create(string name, string description, int fallback) => new(name)
    {
        Description = $"{description} (0 picks a free port)",
        HelpName = "port",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var digits = text.StartsWith(':') ? text[1..] : text;
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535) return port;
            result.AddError($"{name} \"{text}\" is not a port (a number from 0 to 65535)");
            return fallback;
        },
    };
}
