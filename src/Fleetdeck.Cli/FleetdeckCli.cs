using System.CommandLine;
using Fleetdeck.Cli.Commands;

namespace Fleetdeck.Cli;

/// <summary>The <c>fleetdeck</c> command tree; each command is built by a class of its own under <c>Commands/</c>.</summary>
public static class FleetdeckCli
{
    public static RootCommand Build()
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
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl-C cancels the command's token; `up` then shuts down in order within this time.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(20),
        };
        return Build().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
