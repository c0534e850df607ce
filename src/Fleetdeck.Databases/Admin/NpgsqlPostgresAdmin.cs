using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fleetdeck.Databases.Admin;

/// <summary>
/// <see cref="IPostgresAdmin"/> on Npgsql. Connections to each server's admin database come from a pool (one data source
/// per admin URL); work inside a product's database uses one connection for all its statements, not pooled, because a
/// pool per database would hold an idle connection per database and exhaust <c>max_connections</c> at a few hundred.
/// </summary>
public sealed class NpgsqlPostgresAdmin(ILogger<NpgsqlPostgresAdmin>? logger = null, Func<int, byte[]>? randomBytes = null) : IPostgresAdmin, IAsyncDisposable
{
    private const int SaltBytes = 16;
    private readonly ILogger _logger = logger ?? NullLogger<NpgsqlPostgresAdmin>.Instance;
    private readonly Func<int, byte[]> _randomBytes = randomBytes ?? RandomNumberGenerator.GetBytes;
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _pools = new(StringComparer.Ordinal);

    /// <summary>Called with each statement that changes something (passwords redacted): tests and the benchmark count DDL with it.</summary>
    public Action<string>? OnStatement { get; set; }

    public async Task<ProvisionOutcome> ProvisionAsync(PostgresUrl admin, DatabasePlan plan, RolePassword password, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        var passwordSet = false;
        await using (var connection = await OpenAdminAsync(admin, cancellationToken).ConfigureAwait(false))
        {
            var state = await InspectServerAsync(connection, admin, plan, cancellationToken).ConfigureAwait(false);
            var role = Sql.Identifier(plan.Role);
            var database = Sql.Identifier(plan.Database);

            if (!state.RoleExists)
            {
                var verifier = Sql.Literal(ScramVerifier.Create(password.Value, _randomBytes(SaltBytes)));
                var created = await ExecuteAsync(connection, admin, $"CREATE ROLE {role} LOGIN PASSWORD {verifier}", $"CREATE ROLE {role} LOGIN PASSWORD <redacted>", done, cancellationToken, tolerate: "42710").ConfigureAwait(false);
                passwordSet = true;
                if (!created) // made by someone else a moment ago: make it ours as if it had been there
                    await ExecuteAsync(connection, admin, $"ALTER ROLE {role} LOGIN PASSWORD {verifier}", $"ALTER ROLE {role} LOGIN PASSWORD <redacted>", done, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (!state.RoleCanLogIn)
                    await ExecuteAsync(connection, admin, $"ALTER ROLE {role} LOGIN", null, done, cancellationToken).ConfigureAwait(false);
                if (password.Reset)
                {
                    var verifier = Sql.Literal(ScramVerifier.Create(password.Value, _randomBytes(SaltBytes)));
                    await ExecuteAsync(connection, admin, $"ALTER ROLE {role} PASSWORD {verifier}", $"ALTER ROLE {role} PASSWORD <redacted>", done, cancellationToken).ConfigureAwait(false);
                    passwordSet = true;
                }
            }

            // A non-superuser admin (RDS, Azure) must be a member of the role to create objects owned by it.
            if (!state.AdminIsMember)
                await ExecuteAsync(connection, admin, $"GRANT {role} TO {Sql.Identifier(state.Admin)}", null, done, cancellationToken).ConfigureAwait(false);

            if (state.DatabaseInvalid)
                throw new PostgresAdminException(AdminFailure.DatabaseInvalid,
                    $"database \"{plan.Database}\" on {admin.Server} was left invalid by an interrupted DROP DATABASE; finish the drop (DROP DATABASE {database}) and it will be created again");
            if (state.DatabaseOwner is null)
            {
                var created = await ExecuteAsync(connection, admin, $"CREATE DATABASE {database} OWNER {role}", null, done, cancellationToken, tolerate: "42P04").ConfigureAwait(false);
                if (!created) state = await InspectServerAsync(connection, admin, plan, cancellationToken).ConfigureAwait(false);
                else state = state with { DatabaseOwner = plan.Role, PublicCanConnect = true };
            }
            if (state.DatabaseOwner is not null && state.DatabaseOwner != plan.Role)
                await ExecuteAsync(connection, admin, $"ALTER DATABASE {database} OWNER TO {role}", null, done, cancellationToken).ConfigureAwait(false);
            // PUBLIC may connect to a new database by default: revoking it keeps every other product's role out.
            if (state.PublicCanConnect)
                await ExecuteAsync(connection, admin, $"REVOKE ALL ON DATABASE {database} FROM PUBLIC", null, done, cancellationToken).ConfigureAwait(false);
        }

        await using (var connection = await OpenAsync(admin, plan.Database, admin.User, admin.Password, cancellationToken).ConfigureAwait(false))
        {
            var (schemaOwners, extensions) = await InspectDatabaseAsync(connection, admin, plan, cancellationToken).ConfigureAwait(false);
            var role = Sql.Identifier(plan.Role);
            if (schemaOwners.TryGetValue("public", out var publicOwner) && publicOwner != plan.Role)
                await ExecuteAsync(connection, admin, $"ALTER SCHEMA {Sql.Identifier("public")} OWNER TO {role}", null, done, cancellationToken).ConfigureAwait(false);
            foreach (var schema in plan.Schemas.Where(s => s != "public").Distinct(StringComparer.Ordinal))
            {
                if (!schemaOwners.TryGetValue(schema, out var owner))
                    await ExecuteAsync(connection, admin, $"CREATE SCHEMA IF NOT EXISTS {Sql.Identifier(schema)} AUTHORIZATION {role}", null, done, cancellationToken).ConfigureAwait(false);
                else if (owner != plan.Role)
                    await ExecuteAsync(connection, admin, $"ALTER SCHEMA {Sql.Identifier(schema)} OWNER TO {role}", null, done, cancellationToken).ConfigureAwait(false);
            }
            foreach (var extension in plan.Extensions.Distinct(StringComparer.Ordinal).Where(e => !extensions.Contains(e)))
                await ExecuteAsync(connection, admin, $"CREATE EXTENSION IF NOT EXISTS {Sql.Identifier(extension)}", null, done, cancellationToken).ConfigureAwait(false);
        }
        return new ProvisionOutcome(done, passwordSet);
    }

    public async Task<bool> CanLogInAsync(PostgresUrl admin, string role, string password, string database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenCoreAsync(admin, database, role, password, pooled: false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresAdminException e) when (e.InnerException is PostgresException { SqlState: "28P01" or "28000" or "3D000" })
        {
            return false; // wrong password, no such role, not allowed to log in, or no such database
        }
    }

    public async Task<IReadOnlyList<string>> DropAsync(PostgresUrl admin, string role, string database, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        await using var connection = await OpenAdminAsync(admin, cancellationToken).ConfigureAwait(false);
        const string exists = "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1), EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2)";
        var (databaseExists, roleExists) = await QueryAsync(connection, admin, exists, [database, role],
            r => (r.GetBoolean(0), r.GetBoolean(1)), cancellationToken).ConfigureAwait(false);
        if (databaseExists)
            await ExecuteAsync(connection, admin, $"DROP DATABASE IF EXISTS {Sql.Identifier(database)}", null, done, cancellationToken).ConfigureAwait(false);
        if (roleExists)
            await ExecuteAsync(connection, admin, $"DROP ROLE IF EXISTS {Sql.Identifier(role)}", null, done, cancellationToken).ConfigureAwait(false);
        return done;
    }

    private sealed record ServerState(string Admin, bool RoleExists, bool RoleCanLogIn, bool AdminIsMember, string? DatabaseOwner, bool PublicCanConnect, bool DatabaseInvalid);

    private async Task<ServerState> InspectServerAsync(NpgsqlConnection connection, PostgresUrl admin, DatabasePlan plan, CancellationToken cancellationToken)
    {
        // One round trip: the role, the admin's membership in it, the database, its owner, whether PUBLIC may connect.
        // datconnlimit = -2 marks a database an interrupted DROP DATABASE left invalid (PostgreSQL 15.4 and later).
        const string query = """
            SELECT current_user,
                   r.oid IS NOT NULL,
                   coalesce(r.rolcanlogin, false),
                   CASE WHEN r.oid IS NULL THEN true ELSE pg_has_role(current_user, r.oid, 'MEMBER') END,
                   pg_get_userbyid(d.datdba),
                   CASE WHEN d.oid IS NULL THEN false ELSE has_database_privilege('public', d.oid, 'CONNECT') END,
                   coalesce(d.datconnlimit = -2, false)
            FROM (SELECT 1) AS one
            LEFT JOIN pg_roles r ON r.rolname = $1
            LEFT JOIN pg_database d ON d.datname = $2
            """;
        return await QueryAsync(connection, admin, query, [plan.Role, plan.Database], r => new ServerState(
            r.GetString(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetBoolean(5), r.GetBoolean(6)),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(Dictionary<string, string> SchemaOwners, HashSet<string> Extensions)> InspectDatabaseAsync(
        NpgsqlConnection connection, PostgresUrl admin, DatabasePlan plan, CancellationToken cancellationToken)
    {
        const string query = """
            SELECT 's', nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ANY($1)
            UNION ALL
            SELECT 'e', extname, '' FROM pg_extension WHERE extname = ANY($2)
            """;
        var schemaOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var extensions = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = new NpgsqlCommand(query, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = plan.Schemas.Append("public").ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = plan.Extensions.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetString(0) == "s") schemaOwners[reader.GetString(1)] = reader.GetString(2);
                else extensions.Add(reader.GetString(1));
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
        {
            throw Classify(e, admin, $"reading the catalog of database \"{plan.Database}\"");
        }
        return (schemaOwners, extensions);
    }

    private static async Task<T> QueryAsync<T>(NpgsqlConnection connection, PostgresUrl admin, string sql, object[] args, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return read(reader);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
        {
            throw Classify(e, admin, "reading the server catalog");
        }
    }

    /// <summary>Runs one DDL statement; returns false when it failed with the tolerated SQLSTATE (a race with another creator).</summary>
    private async Task<bool> ExecuteAsync(NpgsqlConnection connection, PostgresUrl admin, string sql, string? display, List<string> done, CancellationToken cancellationToken, string? tolerate = null)
    {
        var shown = display ?? sql;
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == tolerate)
        {
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
        {
            throw Classify(e, admin, shown);
        }
        done.Add(shown);
        _logger.LogInformation("{Server}/{Database}: {Statement}", admin.Server, connection.Database, shown);
        OnStatement?.Invoke(shown);
        return true;
    }

    private Task<NpgsqlConnection> OpenAdminAsync(PostgresUrl admin, CancellationToken cancellationToken) =>
        OpenCoreAsync(admin, admin.Database, admin.User, admin.Password, pooled: true, cancellationToken);

    private Task<NpgsqlConnection> OpenAsync(PostgresUrl admin, string database, string user, string? password, CancellationToken cancellationToken) =>
        OpenCoreAsync(admin, database, user, password, pooled: false, cancellationToken);

    private async Task<NpgsqlConnection> OpenCoreAsync(PostgresUrl admin, string database, string user, string? password, bool pooled, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = admin.Host,
            Port = admin.Port,
            Database = database,
            Username = user,
            Password = password,
            Pooling = pooled,
            MaxPoolSize = 8,
            Timeout = 10,
            CommandTimeout = 60,
            ApplicationName = "fleetdeck",
            // DDL errors' details name what blocks a drop ("1 object in database x"); no statement here carries user data.
            IncludeErrorDetail = true,
            // The password comes from a URL or a secret, never from a file the server's libpq conventions would find.
            Passfile = "/dev/null",
        };
        if (admin.SslMode is { } mode) builder.SslMode = ParseSslMode(mode);
        var connectionString = builder.ConnectionString;
        NpgsqlConnection connection;
        if (pooled)
        {
            var source = _pools.GetOrAdd(connectionString, cs => NpgsqlDataSource.Create(cs));
            connection = source.CreateConnection();
        }
        else
        {
            connection = new NpgsqlConnection(connectionString);
        }
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (pooled && _pools.TryGetValue(connectionString, out var source)) source.Clear(); // a restarted server leaves only dead pooled connections
            throw Classify(e, admin, $"connecting to database \"{database}\" as \"{user}\"");
        }
    }

    private static SslMode ParseSslMode(string mode) => mode.ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new PostgresAdminException(AdminFailure.Failed, $"sslmode \"{mode}\" is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    /// <summary>Turns a driver error into a reason a user can act on; never includes a connection string.</summary>
    internal static PostgresAdminException Classify(Exception e, PostgresUrl admin, string doing)
    {
        if (e is PostgresException p)
        {
            var reason = p.SqlState switch
            {
                "28P01" or "28000" => AdminFailure.AuthenticationFailed,
                "42501" => AdminFailure.PermissionDenied,
                "3D000" => AdminFailure.DatabaseUnavailable,
                "55006" => AdminFailure.DatabaseInUse,
                "2BP01" => AdminFailure.RoleInUse,
                "53300" => AdminFailure.TooManyConnections,
                "0A000" or "58P01" or "22023" when doing.StartsWith("CREATE EXTENSION", StringComparison.Ordinal) => AdminFailure.ExtensionUnavailable,
                "57P01" or "57P02" or "57P03" => AdminFailure.ServerUnavailable,
                _ when p.SqlState.StartsWith("08", StringComparison.Ordinal) => AdminFailure.ServerUnavailable,
                _ => AdminFailure.Failed,
            };
            var detail = string.IsNullOrEmpty(p.Detail) || p.Detail.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) ? "" : $" ({p.Detail.ReplaceLineEndings("; ")})";
            return new PostgresAdminException(reason, $"{doing} on {admin.Server} as \"{admin.User}\" failed: {p.MessageText}{detail} [SQLSTATE {p.SqlState}]", e);
        }
        var cause = e.InnerException is SocketException socket ? socket.Message : e is TimeoutException || e.InnerException is TimeoutException ? "timed out" : e.Message;
        return new PostgresAdminException(AdminFailure.ServerUnavailable, $"{doing}: the PostgreSQL server at {admin.Server} is unreachable: {cause}", e);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values) await pool.DisposeAsync().ConfigureAwait(false);
        _pools.Clear();
    }
}
