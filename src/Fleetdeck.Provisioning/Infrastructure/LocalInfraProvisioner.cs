using Microsoft.Extensions.Logging;
using Npgsql;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Credentials;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// Infrastructure on this machine: on the managed or configured PostgreSQL server, a login role <c>org_&lt;id&gt;</c> owning a
/// database of the same name (CONNECT revoked from PUBLIC, so no other org's role may connect), and a storage directory
/// under the state directory. Deprovision follows the retention policy: <c>Retain</c> keeps the database, the role (without
/// login) and the directory; <c>Delete</c> drops them. Brokered credentials are dropped either way.
/// </summary>
public sealed class LocalInfraProvisioner(
    IObjectStore store,
    ObjectApplier applier,
    IDatabaseServer server,
    string storageRoot,
    ILogger logger,
    Func<string>? newPassword = null) : IInfraProvisioner
{
    private readonly Func<string> _newPassword = newPassword ?? (() => Passwords.NewHex(24));

    public string Name => "local";

    public string StorageRoot => storageRoot;

    public string StoragePathOf(string orgId) => Path.Combine(storageRoot, orgId);

    public async Task<InfraObservation> EnsureAsync(Org org, CancellationToken cancellationToken)
    {
        if (server.AdminUrl is not { } adminUrl)
            return InfraObservation.NotReady(server.Problem is { } down ? $"Database server is down: {down}" : "Waiting for the database server to start");
        var admin = PostgresUrl.Parse(adminUrl);
        var role = ProvisioningGroup.DatabaseNameOf(org.Id);
        var (password, applied) = await OrgSecrets.EnsurePasswordAsync(store, applier, org, role, _newPassword, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(admin, "postgres", cancellationToken).ConfigureAwait(false);
            await EnsureRoleAsync(connection, role, password, applied, cancellationToken).ConfigureAwait(false);
            if (!applied) await OrgSecrets.MarkAppliedAsync(store, org, cancellationToken).ConfigureAwait(false);
            await EnsureDatabaseAsync(connection, role, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Org {Org}: database server step failed: {Category}", org.Id, SafeMessages.ForDatabaseError(e));
            return InfraObservation.NotReady("Database server: " + SafeMessages.ForDatabaseError(e));
        }

        var storage = StoragePathOf(org.Id);
        Directory.CreateDirectory(storage);
        return new InfraObservation(true, null, $"Role and database {role} and storage are ready", new OrgEndpoints
        {
            Database = $"{admin.Host}:{admin.Port}/{role}",
            DatabaseRole = role,
            Storage = storage,
        });
    }

    public async Task<OrgDatabaseAccess?> GetDatabaseAccessAsync(Org org, CancellationToken cancellationToken)
    {
        if (server.AdminUrl is not { } adminUrl) return null;
        var role = ProvisioningGroup.DatabaseNameOf(org.Id);
        var password = await OrgSecrets.ReadAsync(store, org.Namespace, OrgSecrets.DatabaseSecret, "password", cancellationToken).ConfigureAwait(false);
        if (password is null) return null;
        var admin = PostgresUrl.Parse(adminUrl);
        return new OrgDatabaseAccess(admin.Host!, admin.Port, role, role,
            PostgresUrl.With(admin, database: role, username: role, password: password).ConnectionString,
            PostgresUrl.With(admin, database: "postgres").ConnectionString);
    }

    public async Task<bool> TeardownAsync(Org org, CancellationToken cancellationToken)
    {
        // Without a server there is nothing to remove if the org never reached one (no endpoints recorded); otherwise wait for it.
        if (server.AdminUrl is not { } adminUrl) return org.Status.Endpoints?.Database is null;
        var admin = PostgresUrl.Parse(adminUrl);
        var role = ProvisioningGroup.DatabaseNameOf(org.Id);
        var delete = RetentionPolicies.Of(org.Spec) == RetentionPolicies.Delete;
        try
        {
            await using (var connection = await OpenAsync(admin, "postgres", cancellationToken).ConfigureAwait(false))
            {
                var brokered = await BrokeredRoles.ListAsync(connection, role, expiredBefore: null, cancellationToken).ConfigureAwait(false);
                if (brokered.Count > 0)
                    await BrokeredRoles.DropAsync(admin, role, role, brokered, logger, cancellationToken).ConfigureAwait(false);
                if (delete)
                {
                    await ExecAsync(connection, $"DROP DATABASE IF EXISTS {PostgresUrl.Ident(role)} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
                    await ExecAsync(connection, $"DROP ROLE IF EXISTS {PostgresUrl.Ident(role)}", cancellationToken).ConfigureAwait(false);
                }
                else if (await RoleExistsAsync(connection, role, cancellationToken).ConfigureAwait(false))
                {
                    // Retained: the role keeps owning the data but can no longer log in, and its sessions end.
                    await ExecAsync(connection, $"ALTER ROLE {PostgresUrl.Ident(role)} NOLOGIN", cancellationToken).ConfigureAwait(false);
                    await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = @r", connection);
                    terminate.Parameters.AddWithValue("r", role);
                    await terminate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Org {Org}: database teardown failed, retrying: {Category}", org.Id, SafeMessages.ForDatabaseError(e));
            return false;
        }
        if (delete)
        {
            if (Directory.Exists(StoragePathOf(org.Id))) Directory.Delete(StoragePathOf(org.Id), recursive: true);
            await applier.DeleteAsync(store.Kinds.Get<k8s.Models.V1Secret>(), org.Namespace, OrgSecrets.DatabaseSecret, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// Makes the role, or brings an existing one back to login with the org's password when the server may not have it
    /// (a new password, or a role kept by a Retain deprovision). A steady state runs no DDL.
    /// </summary>
    private static async Task EnsureRoleAsync(NpgsqlConnection connection, string role, string password, bool applied, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT rolcanlogin FROM pg_roles WHERE rolname = @r", connection);
        query.Parameters.AddWithValue("r", role);
        var canLogin = await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (canLogin is true && applied) return;
        var sql = canLogin is null
            ? $"CREATE ROLE {PostgresUrl.Ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {PostgresUrl.Literal(password)}"
            // Kept by a Retain deprovision, or made before this password: the role takes the org's current password.
            : $"ALTER ROLE {PostgresUrl.Ident(role)} LOGIN PASSWORD {PostgresUrl.Literal(password)}";
        try
        {
            await ExecAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is "42710" or "23505")
        {
            // Made concurrently by another reconcile or replica: it exists, which is all that was asked.
        }
    }

    private static async Task EnsureDatabaseAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", connection);
        query.Parameters.AddWithValue("d", role);
        if (await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null) return;
        try
        {
            await ExecAsync(connection, $"CREATE DATABASE {PostgresUrl.Ident(role)} OWNER {PostgresUrl.Ident(role)}", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is "42P04" or "23505")
        {
            // made concurrently
        }
        await ExecAsync(connection, $"REVOKE CONNECT, TEMPORARY ON DATABASE {PostgresUrl.Ident(role)} FROM PUBLIC", cancellationToken).ConfigureAwait(false);
        await ExecAsync(connection, $"GRANT CONNECT, TEMPORARY ON DATABASE {PostgresUrl.Ident(role)} TO {PostgresUrl.Ident(role)}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> RoleExistsAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = @r", connection);
        query.Parameters.AddWithValue("r", role);
        return await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    internal static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder admin, string database, CancellationToken cancellationToken)
    {
        var builder = PostgresUrl.With(admin, database: database);
        builder.Pooling = false;
        builder.Timeout = 10;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
