namespace Fleetdeck.Databases.Managed;

/// <summary>A private cluster could not be initialised, started or stopped; the message carries the server's own words.</summary>
public sealed class PostgresClusterException(string message) : Exception(message);
