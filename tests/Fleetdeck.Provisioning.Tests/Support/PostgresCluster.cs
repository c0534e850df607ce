using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fleetdeck.Provisioning.Tests.Support;

/// <summary>
/// A private PostgreSQL 15 cluster for one test run: initdb and pg_ctl as the <c>postgres</c> user, on a free loopback
/// port, with password (scram) authentication over TCP so that <c>VALID UNTIL</c> is enforced. Removed on dispose.
/// (Kept minimal until the shared fixture in Fleetdeck.Testing lands.)
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fleetdeck-pg-{Guid.NewGuid():N}");
    private readonly string _password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public int Port { get; private set; }

    public string AdminUrl => $"postgres://postgres:{_password}@127.0.0.1:{Port}/postgres?sslmode=disable";

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={_password};Database=postgres;Pooling=false;SSL Mode=Disable";

    private string Data => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        var pwfile = Path.Combine(_root, "pw");
        await File.WriteAllTextAsync(pwfile, _password + "\n");
        Run("chown", "-R", "postgres:postgres", _root);
        Run("chmod", "700", _root);
        RunAsPostgres($"{Bin}/initdb", "-D", Data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={pwfile}", "-E", "UTF8", "--no-sync");
        Port = FreePort();
        RunAsPostgres($"{Bin}/pg_ctl", "-D", Data, "-l", Path.Combine(_root, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            RunAsPostgres($"{Bin}/pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        await Task.Yield();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    public async Task<T?> ScalarAsync<T>(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public async Task ExecAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task<bool> RoleExistsAsync(string role) => ExistsAsync($"SELECT 1 FROM pg_roles WHERE rolname = '{role}'");

    public Task<bool> DatabaseExistsAsync(string database) => ExistsAsync($"SELECT 1 FROM pg_database WHERE datname = '{database}'");

    public async Task<bool> RoleCanLoginAsync(string role) => await ScalarAsync<bool?>($"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{role}'") == true;

    private async Task<bool> ExistsAsync(string sql) => await ScalarAsync<int?>(sql) == 1;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(string program, params string[] args) => Run("runuser", ["-u", "postgres", "--", program, .. args]);

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ChildProcess.Quiet)) throw new TimeoutException($"{program} did not finish");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
