using System.CommandLine;
using Fleetdeck.Cli.Options;

namespace Fleetdeck.Cli;

/// <summary>Options every client command shares.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Kubeconfig { get; } = Recursive(PathOption.Optional("--kubeconfig", "Path to the kubeconfig to use (default: $KUBECONFIG, then ./.fleetdeck/kubeconfig)"));

    private static Option<string?> Recursive(Option<string?> option)
    {
        option.Recursive = true;
        return option;
    }

    public static Option<string?> Namespace() => new("--namespace", "-n") { Description = "The namespace (default: the kubeconfig context's, else \"default\")" };
}
