using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Controllers;

/// <summary>How often the Org controller looks again, besides the events that wake it.</summary>
public sealed record OrgControllerOptions
{
    public LifecycleOptions Lifecycle { get; init; } = new();

    /// <summary>While provisioning or deleting: how soon to look at the infrastructure and Site again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A ready org is probed again this often (its probe can fail later).</summary>
    public TimeSpan ReadyInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A failed org is looked at this often for automatic recovery.</summary>
    public TimeSpan FailedInterval { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxConcurrency { get; init; } = 4;
}
