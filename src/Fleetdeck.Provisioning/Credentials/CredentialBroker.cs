using System.Globalization;
using Npgsql;
using Fleetdeck.Provisioning;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;

namespace Fleetdeck.Provisioning.Credentials;

/// <summary>
/// Issues short-lived database credentials for an org: a PostgreSQL role <c>&lt;org role&gt;_c_&lt;8 hex&gt;</c> with
/// <c>VALID UNTIL</c>, a member of the org's role and acting as it (<c>SET role</c>), so what it creates belongs to the org
/// and the role can be dropped when it expires. The server refuses a login after <c>VALID UNTIL</c>; the sweeper drops it.
/// </summary>
public sealed class CredentialBroker(IInfraProvisioner infra, TimeProvider time, CredentialOptions options, Func<string>? randomHex = null, ProvisioningMetrics? metrics = null)
{
    private readonly Func<string> _randomHex = randomHex ?? (() => Passwords.NewHex(BrokeredRoles.SuffixHexLength / 2));

    public CredentialOptions Options => options;

    /// <summary>Null when the org's database is not reachable yet.</summary>
    public async Task<IssuedCredential?> IssueAsync(Org org, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (await infra.GetDatabaseAccessAsync(org, cancellationToken).ConfigureAwait(false) is not { } access) return null;
        var username = BrokeredRoles.Prefix(access.RoleName) + _randomHex();
        var password = Passwords.NewHex(24);
        var expires = time.GetUtcNow().Add(ttl);
        expires = new DateTimeOffset(expires.UtcTicks - expires.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var admin = new NpgsqlConnectionStringBuilder(access.Admin) { Pooling = false, Timeout = 10 };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var until = expires.ToString("yyyy-MM-dd HH:mm:ss'+00'", CultureInfo.InvariantCulture);
            foreach (var sql in new[]
            {
                $"CREATE ROLE {PostgresUrl.Ident(username)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD {PostgresUrl.Literal(password)} VALID UNTIL {PostgresUrl.Literal(until)} IN ROLE {PostgresUrl.Ident(access.RoleName)}",
                $"ALTER ROLE {PostgresUrl.Ident(username)} SET role = {PostgresUrl.Literal(access.RoleName)}",
                $"COMMENT ON ROLE {PostgresUrl.Ident(username)} IS {PostgresUrl.Literal($"fleetdeck brokered credential for org {org.Id}, valid until {until}")}",
            })
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        metrics?.CredentialsIssued.Inc();
        var url = PostgresUrl.ToUrl(new NpgsqlConnectionStringBuilder { Host = access.Host, Port = access.Port, Database = access.Database, Username = username, Password = password, SslMode = admin.SslMode });
        return new IssuedCredential(username, password, access.Host, access.Port, access.Database, url, expires);
    }
}
