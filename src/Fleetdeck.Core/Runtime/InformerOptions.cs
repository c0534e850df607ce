namespace Fleetdeck.Core.Runtime;

/// <summary>How an informer lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>Watch one namespace only; null watches all.</summary>
    public string? Namespace { get; init; }

    /// <summary>How often every cached object is handed to the handlers again as an update (a resync); null for never.</summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A watch with no event and no bookmark for this long is presumed dead and restarted.</summary>
    public TimeSpan WatchIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>First and longest wait between failed watch attempts (exponential, with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The source of retry jitter, a number in [0, 1); injectable for deterministic tests.</summary>
    public Func<double>? Jitter { get; init; }
}
