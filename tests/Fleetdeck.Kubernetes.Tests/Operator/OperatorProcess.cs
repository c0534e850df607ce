using System.Text.RegularExpressions;
using Fleetdeck.Testing;

namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>
/// The real <c>fleetdeck</c> (this build's fleetdeck.dll) as a child process, for <c>fleetdeck operator</c>: for what only a
/// process shows, such as kill -9 of a leader, exit codes and what reaches the terminal.
/// </summary>
public sealed partial class OperatorProcess : ChildProcess
{
    private OperatorProcess(System.Diagnostics.ProcessStartInfo start)
        : base(start, "the operator")
    {
    }

    /// <summary>The identity it campaigns under, from its start-up line.</summary>
    public string? Identity => IdentityPattern().Match(Output) is { Success: true } m ? m.Groups[1].Value : null;

    public static OperatorProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = Dotnet(Path.Combine(AppContext.BaseDirectory, "fleetdeck.dll"), args);
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        return new OperatorProcess(start);
    }

    [GeneratedRegex(@" as (\S+)\); metrics")]
    private static partial Regex IdentityPattern();
}
