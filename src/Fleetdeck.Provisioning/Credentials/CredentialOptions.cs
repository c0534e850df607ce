namespace Fleetdeck.Provisioning.Credentials;

/// <summary>How long brokered credentials live, and how often expired ones are swept.</summary>
public sealed record CredentialOptions
{
    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromHours(12);

    /// <summary>The shortest lifetime a caller may ask for.</summary>
    public TimeSpan MinTtl { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);
}
