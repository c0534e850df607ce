using Npgsql;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps;

/// <summary>The control room's PostgreSQL server as an admin: its URL (from the control room file), and a reachability check.</summary>
internal static class AdminDatabase
{
    public static PostgresUrl? Url(StepContext context) => Resolve(context)?.Url;

    /// <summary>The URL as written (with its password: it goes only into the workload secret) and parsed.</summary>
    public static (string Text, PostgresUrl Url)? Resolve(StepContext context)
    {
        if (context.ControlRoom.PostgresAdmin is not { } source) return null;
        var text = source.Resolve();
        return PostgresUrl.TryParse(text, out var url, out var problem)
            ? (text, url)
            : throw new StepFailedException($"the control room's PostgreSQL admin URL ({source.Field} in {Targets.TargetError.DisplayPath(source.Source.File)}) {problem}");
    }

    /// <summary>Connects as the admin and returns the server version; failures name the server, never the password.</summary>
    public static async Task<string> CheckAsync(PostgresUrl url, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port,
            Username = url.User,
            Password = url.Password,
            Database = url.Database,
            Timeout = 10,
            Pooling = false,
        };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SHOW server_version", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StepFailedException($"cannot reach PostgreSQL at {url.Server} as {url.User}: {e.Message.Replace(url.Password ?? "\0", "***", StringComparison.Ordinal)}: check the server is up and the control room's postgres URL");
        }
    }
}
