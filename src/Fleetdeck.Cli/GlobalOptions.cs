using System.CommandLine;

namespace Fleetdeck.Cli;

/// <summary>Options every client command shares.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig to use (default: $KUBECONFIG, then ./.fleetdeck/kubeconfig)",
        Recursive = true,
    };

    public static Option<string?> Namespace() => new("--namespace", "-n") { Description = "The namespace (default: the kubeconfig context's, else \"default\")" };
}
