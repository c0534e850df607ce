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

    internal static Task<int> RunAsync(string[] args, Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl-C cancels the command's token; `up` then shuts down in order within this time.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(20),
        };
        return Build(modules).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
