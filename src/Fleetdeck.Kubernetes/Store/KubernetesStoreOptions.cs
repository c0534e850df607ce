namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// How <see cref="KubernetesObjectStore"/> talks to an API server: per-call deadlines and the retries one call may make.
/// Resuming watches, re-listing and reconnecting belong to the informer; these settings cover a single call.
/// </summary>
public sealed record KubernetesStoreOptions
{
    /// <summary>How long a call other than a watch may take before it fails with 504 (the caller may retry it).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Watches ask the server to end them after a random time between this and twice this (client-go's reflector does
    /// the same), so that no watch outlives a load balancer's idle timeout and reconnects spread out.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Retries of one call: after 429 (the server did not process it) for every verb; after a connection that could not be
    /// opened for every verb; after 5xx, a timeout or a dropped connection for reads only (a write may have happened).
    /// </summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first wait between retries; it doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A server's <c>Retry-After</c> is honoured up to this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The source of jitter, a number in [0, 1); injectable for deterministic tests.</summary>
    public Func<double>? Jitter { get; init; }
}
