using k8s;

namespace Fleetdeck.Core.Store;

/// <summary>A committed change: what watchers of the kind receive. <see cref="PreviousLabels"/> lets label-selected watches see objects enter and leave.</summary>
internal sealed record StoredEvent(long ResourceVersion, string KindKey, string Namespace, WatchEventType Type, string Json, IReadOnlyDictionary<string, string>? Labels, IReadOnlyDictionary<string, string>? PreviousLabels);
