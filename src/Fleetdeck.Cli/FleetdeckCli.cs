using System.CommandLine;
using Fleetdeck.Cli.Commands;
using Fleetdeck.Core.Modules;

namespace Fleetdeck.Cli;

/// <summary>The <c>fleetdeck</c> command tree; each command is built by a class of its own under <c>Commands/</c>.</summary>
public static class FleetdeckCli
{
    public static RootCommand Build() => Build(Modules.Create);

    /// <summary>The command tree with the given parts for the commands that derive from them (up, operator, crds, install, ensure).</summary>
    internal static RootCommand Build(Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules)
    {
        var root = new RootCommand("Fleetdeck: a control plane for dedicated team deployments")
        {
            GlobalOptions.Kubeconfig,
            UpCommand.Create(modules),
            ApplyCommand.Create(),
            GetCommand.Create(),
            DescribeCommand.Create(),
            DeleteCommand.Create(),
            Commands.Orgs.OrgsCommand.Create(),
            RolloutCommand.Create(),
            RenderCommand.Create(),
            CrdsCommand.Create(modules),
            InstallCommand.Create(modules),
            OperatorCommand.Create(modules),
            EnsureCommand.Create(modules),
            ConfigCommand.Create(),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, Modules.Create, output, error, cancellationToken);

    internal static Task<int> RunAsync(string[] args, IReadOnlyList<IControlPlaneModule> modules, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, _ => modules, output, error, cancellationToken);

    internal static async Task<int> RunAsync(string[] args, Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl-C or SIGTERM cancels the command's token; `up` then shuts down in order (its PostgreSQL last) within this time.
            ProcessTerminationTimeout = TimeSpan.FromMinutes(2),
            // Failures are reported by Cli.RunAsync or below: one line, never a stack trace.
            EnableDefaultExceptionHandler = false,
        };
        // Bare `fleetdeck` shows what it can do, as kubectl does.
        var parse = Build(modules).Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            // Usage errors: one line naming what is wrong, and where help is (exit 2, as for other usage errors). A token
            // nobody knows says more than the command it left missing.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            await configuration.Error.WriteLineAsync($"error: {OneLine(first.Message)} (see: {CommandPath(parse)} --help)");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e)
        {
            await configuration.Error.WriteLineAsync($"error: {OneLine(e.Message)}");
            return 1;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command is RootCommand ? "fleetdeck" : result.Command.Name);
        return string.Join(' ', names);
    }
}
