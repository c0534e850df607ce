namespace Fleetdeck.Provisioning.Lifecycle;

/// <summary>The lifecycle's clocks: how long provisioning may take, and how long the infrastructure may be not-synced.</summary>
public sealed record LifecycleOptions
{
    /// <summary>Provisioning that has not reached ready after this long fails (Duckgres: 30 min).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Tolerance for an infrastructure engine reporting <c>Synced=False</c> (transient during cold starts).</summary>
    public TimeSpan SyncGracePeriod { get; init; } = TimeSpan.FromMinutes(10);
}
