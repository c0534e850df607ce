namespace Fleetdeck.Databases.Managed;

/// <summary>No PostgreSQL server programs were found; the message says how to install them or what to pass instead.</summary>
public sealed class PostgresNotInstalledException(string message) : Exception(message);
