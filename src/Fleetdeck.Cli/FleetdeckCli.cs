using System.CommandLine;
using Fleetdeck.Cli.Commands;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.Cli;

/// <summary>The <c>fleetdeck</c> command tree; each command is built by a class of its own under <c>Commands/</c>.</summary>
public static class FleetdeckCli
{
    public static RootCommand Build() => Build(Modules.ControlPlane);

    /// <summary>The command tree with the given parts for the commands that derive from them (crds, install, operator).</summary>
    internal static RootCommand Build(IReadOnlyList<IControlPlaneModule> modules)
    {
        var root = new RootCommand("Fleetdeck: a control plane for dedicated team deployments")
        {
            GlobalOptions.Kubeconfig,
            UpCommand.Create(),
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
        RunAsync(args, Modules.ControlPlane, output, error, cancellationToken);

    internal static Task<int> RunAsync(string[] args, IReadOnlyList<IControlPlaneModule> modules, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
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
