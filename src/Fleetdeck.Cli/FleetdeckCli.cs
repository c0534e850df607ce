using System.CommandLine;

namespace Fleetdeck.Cli;

/// <summary>The <c>fleetdeck</c> command tree; each command is a class of its own under <c>Commands/</c>.</summary>
public static class FleetdeckCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Fleetdeck: a control plane for dedicated team deployments");
        return root;
    }

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        Build().Parse(args).InvokeAsync(cancellationToken: cancellationToken);
}
