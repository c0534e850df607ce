namespace Fleetdeck.Core.Runtime;

/// <summary>Lease-based leader election, with client-go's timings by default.</summary>
public sealed record LeaderElectionOptions
{
    public string Namespace { get; init; } = "fleetdeck-system";

    public string LeaseName { get; init; } = "fleetdeck-controller-leader";

    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>How long a lease holds without renewal before another candidate may take it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leading.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
