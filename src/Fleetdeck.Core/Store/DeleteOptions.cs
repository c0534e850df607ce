namespace Fleetdeck.Core.Store;

/// <summary>How dependents of a deleted object are treated, as in Kubernetes.</summary>
public enum PropagationPolicy
{
    /// <summary>The owner goes now; what it owns is deleted after it (the default).</summary>
    Background,

    /// <summary>What the owner owns is deleted first, then the owner.</summary>
    Foreground,

    /// <summary>The owner goes; what it owns stays, without the reference to it.</summary>
    Orphan,
}

/// <summary>Preconditions and propagation for a delete.</summary>
public sealed record DeleteOptions
{
    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    public PropagationPolicy Propagation { get; init; } = PropagationPolicy.Background;
}
