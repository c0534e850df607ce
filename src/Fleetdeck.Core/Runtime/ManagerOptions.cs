namespace Fleetdeck.Core.Runtime;

/// <summary>How a <see cref="ControllerManager"/> runs.</summary>
public sealed record ManagerOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public InformerOptions Informers { get; init; } = new();

    /// <summary>Run the orphan sweep this often; null leaves garbage collection to the backend (a real cluster does it).</summary>
    public TimeSpan? GarbageCollectionInterval { get; init; }
}
