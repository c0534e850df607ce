using System.CommandLine;
using Spectre.Console;

namespace Fleetdeck.Cli;

/// <summary>Where a command writes: its output and error streams, and a Spectre console over the output for tables.</summary>
internal sealed class CliContext(ParseResult parse)
{
    public TextWriter Out { get; } = parse.InvocationConfiguration.Output;

    public TextWriter Error { get; } = parse.InvocationConfiguration.Error;

    public IAnsiConsole Console { get; } = CreateConsole(parse.InvocationConfiguration.Output);

    public ParseResult Parse { get; } = parse;

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Piped output must not wrap at 80 columns: scripts read it line by line.
        if (!interactive) console.Profile.Width = 512;
        return console;
    }
}
