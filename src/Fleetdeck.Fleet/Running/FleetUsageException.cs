namespace Fleetdeck.Fleet.Running;

/// <summary>A fleet command used wrongly (a flag combination, a missing argument); one line, exit 1.</summary>
public sealed class FleetUsageException(string message) : Exception(message);
