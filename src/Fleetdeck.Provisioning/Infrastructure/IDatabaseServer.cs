namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// The PostgreSQL server the local adapter provisions on: the one configured, or the managed server <c>fleetdeck up</c>
/// runs (<see cref="Fleetdeck.TeamOperator.Databases.IMainDatabaseFallback"/>). Null while there is none yet.
/// </summary>
public interface IDatabaseServer
{
    /// <summary>An admin URL or connection string (with credentials: never log it).</summary>
    string? AdminUrl { get; }

    /// <summary>While the server is down: why (no credentials in it); null otherwise.</summary>
    string? Problem => null;
}

/// <summary>A server given by URL.</summary>
public sealed class ConfiguredDatabaseServer(string adminUrl) : IDatabaseServer
{
    public string? AdminUrl { get; } = adminUrl;
}

/// <summary>The managed server, found through the database provisioner's fallback.</summary>
public sealed class ManagedDatabaseServer(Fleetdeck.TeamOperator.Databases.IMainDatabaseFallback fallback) : IDatabaseServer
{
    public string? AdminUrl => fallback.AdminUrl;

    public string? Problem => fallback.Problem;
}

/// <summary>No server configured and none managed.</summary>
public sealed class NoDatabaseServer : IDatabaseServer
{
    public string? AdminUrl => null;
}
