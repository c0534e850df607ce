namespace Fleetdeck.Core.Store;

/// <summary>Tunables of the embedded store; every source of time and randomness is injectable.</summary>
public sealed record StoreOptions
{
    /// <summary>How many events the watch history keeps; a watch from an older version gets "expired".</summary>
    public int HistoryLimit { get; init; } = 100_000;

    /// <summary>How often a quiet watch that allows bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Events a watcher may fall behind before its watch is ended with "expired" (it re-lists).</summary>
    public int WatchBufferSize { get; init; } = 20_000;

    /// <summary>Writes committed together at most (group commit): one durable commit for all the writes waiting.</summary>
    public int MaxBatch { get; init; } = 256;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Func<string> NewUid { get; init; } = () => Guid.NewGuid().ToString();

    public Random Random { get; init; } = Random.Shared;
}
