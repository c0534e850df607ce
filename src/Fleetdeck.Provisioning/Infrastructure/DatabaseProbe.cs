using Npgsql;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// The end-to-end check that gates ready: connect as the org's own role to its database and run <c>SELECT 1</c>.
/// A status field saying "available" is not enough (Duckgres #581: the endpoint was "Available" before it resolved).
/// </summary>
public sealed class DatabaseProbe(TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(8);

    /// <summary>Whether the database exists, and the probe's result (with a category message, never the raw error).</summary>
    public async Task<(bool DatabaseExists, ProbeResult Result)> ProbeAsync(OrgDatabaseAccess access, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(access.OrgRole)
        {
            Pooling = false,
            Timeout = Math.Max(1, (int)_timeout.TotalSeconds),
            CommandTimeout = Math.Max(1, (int)_timeout.TotalSeconds),
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(deadline.Token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            var one = await command.ExecuteScalarAsync(deadline.Token).ConfigureAwait(false);
            return one is 1 ? (true, ProbeResult.Succeeded) : (true, new ProbeResult(false, "SELECT 1 returned an unexpected value"));
        }
        catch (PostgresException e) when (e.SqlState == "3D000")
        {
            return (false, new ProbeResult(false, "Probe failed: " + SafeMessages.ForDatabaseError(e)));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (true, new ProbeResult(false, "Probe failed: " + SafeMessages.ForDatabaseError(e)));
        }
    }
}
