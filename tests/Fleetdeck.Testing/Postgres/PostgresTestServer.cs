using System.Security.Cryptography;
using Fleetdeck.Databases.Managed;

namespace Fleetdeck.Testing.Postgres;

/// <summary>
/// One private PostgreSQL cluster per test run, started on first use with initdb on a free loopback port (as the
/// <c>postgres</c> user when tests run as root), logging every DDL statement, and stopped when the test process exits.
/// Tests that stop or break a server start their own with <see cref="StartPrivateAsync"/>.
/// </summary>
public static class PostgresTestServer
{
    /// <summary>Settings for test clusters: DDL in the log (tests count it), room for parallel test classes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["log_statement"] = "'ddl'",
        ["log_line_prefix"] = "'%m [%p] %u@%d '",
        ["max_connections"] = "200",
    };

    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartSharedAsync);

    /// <summary>The run's shared cluster. Never stop it: other test classes use it at the same time.</summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>A cluster of one's own in <paramref name="directory"/>; the caller disposes it (which stops it).</summary>
    public static Task<PostgresCluster> StartPrivateAsync(string directory, int port = 0) =>
        PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = Path.Combine(directory, "data"),
            Port = port,
            SuperuserPassword = NewPassword(),
            Durable = false,
            Settings = Settings,
        });

    private static async Task<PostgresCluster> StartSharedAsync()
    {
        var directory = new TempDirectory("fleetdeck-pg");
        var cluster = await StartPrivateAsync(directory.Path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync(immediate: true).GetAwaiter().GetResult();
            directory.Dispose();
        };
        return cluster;
    }

    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
