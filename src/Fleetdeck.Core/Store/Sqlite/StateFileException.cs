namespace Fleetdeck.Core.Store.Sqlite;

/// <summary>A state file that cannot be used as it is (corrupt, not ours, or from a newer Fleetdeck). Never reset silently.</summary>
public sealed class StateFileException(string message, Exception? inner = null) : Exception(message, inner);
