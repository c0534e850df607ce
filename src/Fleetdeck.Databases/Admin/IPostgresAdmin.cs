namespace Fleetdeck.Databases.Admin;

/// <summary>
/// The database provisioner's one port to a PostgreSQL server. Each call inspects the catalog first and issues only the
/// statements that close the gap, so a provisioned database costs reads and no DDL. Failures are
/// <see cref="PostgresAdminException"/>s with a reason from <see cref="AdminFailure"/>.
/// </summary>
public interface IPostgresAdmin
{
    /// <summary>Brings the role, database, grants, schemas and extensions in line with <paramref name="plan"/>.</summary>
    Task<ProvisionOutcome> ProvisionAsync(PostgresUrl admin, DatabasePlan plan, RolePassword password, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="role"/> can log in to <paramref name="database"/> with <paramref name="password"/> (false when the role or database is missing).</summary>
    Task<bool> CanLogInAsync(PostgresUrl admin, string role, string password, string database, CancellationToken cancellationToken);

    /// <summary>Drops the database, then the role. A role that still owns objects elsewhere is not dropped (<see cref="AdminFailure.RoleInUse"/>).</summary>
    Task<IReadOnlyList<string>> DropAsync(PostgresUrl admin, string role, string database, CancellationToken cancellationToken);
}
