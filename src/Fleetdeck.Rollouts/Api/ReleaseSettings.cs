namespace Fleetdeck.Rollouts.Api;

/// <summary>
/// A target's release settings with every default filled in. Controllers read these, never the raw spec, so a
/// Revision written without admission (on a real API server, say) still behaves: a missing value is its default.
/// </summary>
public sealed record ReleaseSettings(
    bool Eligible,
    int Max,
    ScalingStrategy Strategy,
    int GeometricStart,
    int GeometricFactor,
    TimeSpan GeometricDelay,
    int LinearIncrement,
    TimeSpan LinearDelay,
    string Schedule,
    TimeSpan Ttl)
{
    public const int DefaultMax = 100;
    public const int DefaultStart = 10;
    public const int DefaultFactor = 2;
    public const int DefaultIncrement = 5;
    public const long DefaultTtlSeconds = 432_000;
    public const string DefaultSchedule = "inhumane";
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(10);

    public TimeSpan Delay => Strategy == ScalingStrategy.Linear ? LinearDelay : GeometricDelay;

    public static ReleaseSettings From(ReleaseSpec? spec)
    {
        spec ??= new ReleaseSpec();
        return new ReleaseSettings(
            spec.Eligible,
            spec.Max ?? DefaultMax,
            string.Equals(spec.ScalingStrategy, "linear", StringComparison.Ordinal) ? ScalingStrategy.Linear : ScalingStrategy.Geometric,
            spec.GeometricScaling?.Start ?? DefaultStart,
            spec.GeometricScaling?.Factor ?? DefaultFactor,
            GoDuration.Parse(spec.GeometricScaling?.Delay, DefaultDelay),
            spec.LinearScaling?.Increment ?? DefaultIncrement,
            GoDuration.Parse(spec.LinearScaling?.Delay, DefaultDelay),
            spec.Schedule ?? DefaultSchedule,
            TimeSpan.FromSeconds(spec.Ttl ?? DefaultTtlSeconds));
    }
}

public enum ScalingStrategy
{
    Geometric,
    Linear,
}
