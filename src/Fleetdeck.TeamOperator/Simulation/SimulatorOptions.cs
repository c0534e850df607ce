using k8s;
using k8s.Models;

namespace Fleetdeck.TeamOperator.Simulation;

/// <summary>How the workload simulator behaves.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The annotation that makes a workload fail: its value is the failure's message.</summary>
    public const string FailAnnotation = "simulation.fleetdeck.dev/fail";

    /// <summary>How long a rollout takes: the time between seeing a generation and reporting it available.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A failure to report for a workload (null: it starts). Besides this, the <see cref="FailAnnotation"/> annotation fails a workload.</summary>
    public Func<IKubernetesObject<V1ObjectMeta>, string?>? Fail { get; init; }
}
