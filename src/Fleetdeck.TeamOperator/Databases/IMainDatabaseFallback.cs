namespace Fleetdeck.TeamOperator.Databases;

/// <summary>
/// In the embedded mode, the PostgreSQL server a Site uses when its workload secret gives no <c>main-database-url</c>
/// (the managed server <c>fleetdeck up</c> runs). Absent in operator mode, where a missing URL is an error on the Site.
/// </summary>
public interface IMainDatabaseFallback
{
    /// <summary>The admin URL (with credentials) once the server is up; null before, while it is down, or when there is none.</summary>
    string? AdminUrl { get; }

    /// <summary>While the server is down: why, in words for people (its objects' conditions quote it); null otherwise.</summary>
    string? Problem => null;
}
