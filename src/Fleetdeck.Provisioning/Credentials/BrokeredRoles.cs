using Microsoft.Extensions.Logging;
using Npgsql;
using Fleetdeck.Provisioning.Infrastructure;

namespace Fleetdeck.Provisioning.Credentials;

/// <summary>
/// Brokered roles on a server: named <c>&lt;org role&gt;_c_&lt;8 hex&gt;</c>, members of the org's role, with
/// <c>VALID UNTIL</c>. Listing and dropping them is shared by the sweeper and by deprovisioning.
/// </summary>
internal static class BrokeredRoles
{
    public const int SuffixHexLength = 8;

    public static string Prefix(string orgRole) => orgRole + "_c_";

    public static async Task<IReadOnlyList<string>> ListAsync(NpgsqlConnection connection, string orgRole, DateTimeOffset? expiredBefore, CancellationToken cancellationToken)
    {
        var sql = "SELECT rolname FROM pg_roles WHERE left(rolname, length(@p)) = @p AND substring(rolname FROM length(@p) + 1) ~ '^[0-9a-f]{8}$'"
                  + (expiredBefore is null ? "" : " AND rolvaliduntil IS NOT NULL AND rolvaliduntil < @t")
                  + " ORDER BY rolname";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", Prefix(orgRole));
        if (expiredBefore is { } t) command.Parameters.AddWithValue("t", t.UtcDateTime);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>
    /// Ends the roles' sessions, hands anything they own to the org's role (in the org's database), and drops them.
    /// Returns how many were dropped; a role that cannot be dropped is logged and left for the next sweep.
    /// </summary>
    public static async Task<int> DropAsync(NpgsqlConnectionStringBuilder admin, string orgRole, string orgDatabase, IReadOnlyList<string> roles, ILogger logger, CancellationToken cancellationToken)
    {
        if (roles.Count == 0) return 0;
        await using var server = await LocalInfraProvisioner.OpenAsync(admin, admin.Database ?? "postgres", cancellationToken).ConfigureAwait(false);
        await using (var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ANY(@r)", server))
        {
            terminate.Parameters.AddWithValue("r", roles.ToArray());
            await terminate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        NpgsqlConnection? inDatabase = null;
        try
        {
            try
            {
                inDatabase = await LocalInfraProvisioner.OpenAsync(admin, orgDatabase, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == "3D000")
            {
                // The database is gone already: nothing there to hand over.
            }
            var dropped = 0;
            foreach (var role in roles)
            {
                try
                {
                    if (inDatabase is not null)
                    {
                        await LocalInfraProvisioner.ExecAsync(inDatabase, $"REASSIGN OWNED BY {PostgresUrl.Ident(role)} TO {PostgresUrl.Ident(orgRole)}", cancellationToken).ConfigureAwait(false);
                        await LocalInfraProvisioner.ExecAsync(inDatabase, $"DROP OWNED BY {PostgresUrl.Ident(role)}", cancellationToken).ConfigureAwait(false);
                    }
                    await LocalInfraProvisioner.ExecAsync(server, $"DROP ROLE IF EXISTS {PostgresUrl.Ident(role)}", cancellationToken).ConfigureAwait(false);
                    dropped++;
                }
                catch (PostgresException e)
                {
                    logger.LogWarning("Could not drop brokered role {Role}: SQLSTATE {State}; retried on the next sweep", role, e.SqlState);
                }
            }
            return dropped;
        }
        finally
        {
            if (inDatabase is not null) await inDatabase.DisposeAsync().ConfigureAwait(false);
        }
    }
}
