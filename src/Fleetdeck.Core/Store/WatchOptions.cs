using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Store;

/// <summary>What to watch, and from which <c>resourceVersion</c>.</summary>
public sealed record WatchOptions
{
    public string? Namespace { get; init; }

    public LabelSelector LabelSelector { get; init; } = LabelSelector.Everything;

    public FieldSelector FieldSelector { get; init; } = FieldSelector.Everything;

    /// <summary>Replay events after this version; null or "0" starts with the current objects as <c>ADDED</c> events.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Send <c>BOOKMARK</c> events carrying the latest version now and then, so a quiet watch can resume without replaying.</summary>
    public bool AllowBookmarks { get; init; }
}
