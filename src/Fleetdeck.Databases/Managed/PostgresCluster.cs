using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fleetdeck.Databases.Managed;

/// <summary>
/// A private PostgreSQL cluster on a loopback port: initialised with <c>initdb</c> when its data directory is new,
/// the server run as a child process (so it goes when its parent's process tree is stopped), stopped with <c>pg_ctl</c>.
/// A server left running by a parent that was killed is stopped before a new one starts on the same data directory.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string Superuser = "postgres";
    public const string Host = "127.0.0.1";

    private readonly PostgresClusterOptions _options;
    private readonly PostgresInstallation _installation;
    private Process? _server;
    private readonly Queue<string> _serverOutput = new();

    private PostgresCluster(PostgresClusterOptions options, PostgresInstallation installation, int port)
    {
        _options = options;
        _installation = installation;
        Port = port;
    }

    public int Port { get; private set; }

    public string DataDirectory => _options.DataDirectory;

    /// <summary>The server's log (statements, when <c>log_statement</c> is set, and errors).</summary>
    public string LogFile => Path.Combine(DataDirectory, "log", "postgresql.log");

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>The superuser's URL, with its password: <c>postgres://postgres:…@127.0.0.1:port/postgres</c>.</summary>
    public string AdminUrl => $"postgres://{Superuser}:{Uri.EscapeDataString(_options.SuperuserPassword)}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/postgres";

    /// <summary>The same URL without the password, for printing.</summary>
    public string DisplayUrl => $"postgres://{Superuser}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/postgres";

    public string ConnectionString(string database = "postgres", string user = Superuser, string? password = null) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = user,
        Password = password ?? _options.SuperuserPassword,
        Database = database,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    public static async Task<PostgresCluster> StartAsync(PostgresClusterOptions options, CancellationToken cancellationToken = default)
    {
        var installation = options.Installation ?? PostgresInstallation.Find()
            ?? throw new PostgresNotInstalledException($"PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin: {PostgresInstallation.InstallHint}");
        var cluster = new PostgresCluster(options with { DataDirectory = Path.GetFullPath(options.DataDirectory) }, installation, options.Port);
        await cluster.InitialiseAsync(cancellationToken).ConfigureAwait(false);
        await cluster.StopStaleServerAsync(cancellationToken).ConfigureAwait(false);
        await cluster.StartServerAsync(cancellationToken).ConfigureAwait(false);
        return cluster;
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) return;
        Directory.CreateDirectory(DataDirectory);
        if (Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            throw new PostgresClusterException($"{DataDirectory} is not empty and holds no PostgreSQL cluster; move its contents away");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await ProgramRunner.ChownToServerUserAsync(DataDirectory, cancellationToken).ConfigureAwait(false);
        if (!await ProgramRunner.ServerUserCanWriteAsync(DataDirectory, cancellationToken).ConfigureAwait(false))
            throw new PostgresClusterException(
                $"the {ProgramRunner.ServerUser} user cannot reach {DataDirectory}: a folder above it is closed to other users. " +
                "PostgreSQL refuses to run as root, so its data must be where that user can go: choose another state directory, or pass --postgres-url");

        // The password reaches initdb through a file only the server user can read, never a command line.
        var passwordFile = Path.Combine(Path.GetTempPath(), $"fleetdeck-pg-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, _options.SuperuserPassword + "\n", cancellationToken).ConfigureAwait(false);
        try
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await ProgramRunner.ChownToServerUserAsync(passwordFile, cancellationToken).ConfigureAwait(false);
            List<string> args = ["-D", DataDirectory, "-U", Superuser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"];
            if (!_options.Durable) args.Add("--no-sync");
            var (code, output) = await ProgramRunner.RunAsync(_installation.Program("initdb"), args, cancellationToken).ConfigureAwait(false);
            if (code != 0) throw new PostgresClusterException($"initdb failed for {DataDirectory}: {Tail(output)}");
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = $"'{Host}'",
            ["unix_socket_directories"] = "''", // loopback TCP only: no socket folder to own or share
            ["logging_collector"] = "on",
            ["log_directory"] = "'log'",
            ["log_filename"] = "'postgresql.log'",
            ["password_encryption"] = "'scram-sha-256'",
        };
        if (!_options.Durable)
        {
            settings["fsync"] = "off";
            settings["synchronous_commit"] = "off";
            settings["full_page_writes"] = "off";
        }
        foreach (var (key, value) in _options.Settings) settings[key] = value;
        var conf = string.Concat(settings.Select(s => $"{s.Key} = {s.Value}\n"));
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), "\n# Fleetdeck\n" + conf, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A server still running on this data directory was left by a parent that died (kill -9): stop it first.</summary>
    private async Task StopStaleServerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return;
        var (status, _) = await ProgramRunner.RunAsync(_installation.Program("pg_ctl"), ["status", "-D", DataDirectory], cancellationToken).ConfigureAwait(false);
        if (status != 0) return; // a stale pid file, which the server itself clears
        var (code, output) = await ProgramRunner.RunAsync(_installation.Program("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken).ConfigureAwait(false);
        if (code != 0) throw new PostgresClusterException($"a server left running on {DataDirectory} could not be stopped: {Tail(output)}");
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Port != 0 ? Port : FreePort();
            var start = ProgramRunner.StartInfo(_installation.Program("postgres"), ["-D", DataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture)]);
            var server = Process.Start(start) ?? throw new PostgresClusterException("could not start postgres");
            server.StandardInput.Close();
            lock (_serverOutput) _serverOutput.Clear();
            server.OutputDataReceived += (_, e) => Keep(e.Data);
            server.ErrorDataReceived += (_, e) => Keep(e.Data);
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            _server = server;
            var previousPort = Port;
            Port = port;
            var failure = await WaitReadyAsync(server, cancellationToken).ConfigureAwait(false);
            if (failure is null) return;
            var portTaken = failure.Contains("could not bind", StringComparison.OrdinalIgnoreCase) || failure.Contains("already in use", StringComparison.OrdinalIgnoreCase);
            if (portTaken && _options.Port == 0 && attempt < 5)
            {
                Port = previousPort;
                continue; // raced with another program for the free port: pick another
            }
            throw new PostgresClusterException(portTaken
                ? $"port {port} for PostgreSQL is in use; stop what holds it or choose another port"
                : $"PostgreSQL did not start on {DataDirectory}: {failure}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_serverOutput)
        {
            _serverOutput.Enqueue(line);
            while (_serverOutput.Count > 50) _serverOutput.Dequeue();
        }
    }

    /// <summary>Waits until the server takes connections; returns why it failed, or null.</summary>
    private async Task<string?> WaitReadyAsync(Process server, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var connectionString = ConnectionString();
        while (true)
        {
            if (server.HasExited)
            {
                await server.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return $"the server exited with code {server.ExitCode}: {ServerOutput()}{LogTail()}";
            }
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException)
            {
                if (e is PostgresException { SqlState: "28P01" })
                    return "the postgres superuser's password does not match the one this cluster was made with";
                if (deadline.Elapsed > _options.StartTimeout)
                    return $"not accepting connections after {_options.StartTimeout.TotalSeconds:0}s ({e.Message}){LogTail()}";
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private string ServerOutput()
    {
        lock (_serverOutput) return string.Join(" ", _serverOutput);
    }

    private string LogTail()
    {
        try
        {
            if (!File.Exists(LogFile)) return "";
            var lines = File.ReadLines(LogFile).TakeLast(5).ToList();
            return lines.Count == 0 ? "" : " (log: " + string.Join(" | ", lines) + ")";
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// Starts the server again on the same port, after <see cref="StopAsync"/> or after it died. A server that died leaves
    /// its pid file (PostgreSQL clears a stale one itself) and, for a moment, children still attached to its shared
    /// memory: then the start fails, saying so, and a later attempt succeeds.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) return;
        await StopStaleServerAsync(cancellationToken).ConfigureAwait(false);
        await StartServerAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes when the running server's process ends, however it ends, with how it ended: for a supervisor. (The exit
    /// itself, not the end of its output: children that outlive it may hold its output open a while.) What the server said
    /// is in its log, not here: a log line may quote a statement, and this text ends up in objects' conditions.
    /// </summary>
    public async Task<string> WaitForExitAsync(CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("the server is not running");
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.EnableRaisingEvents = true;
        server.Exited += (_, _) => exited.TrySetResult();
        if (server.HasExited) exited.TrySetResult();
        await exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return $"exit code {server.ExitCode}; its log: {LogFile}";
    }

    /// <summary>Stops the server: <c>fast</c> ends sessions and shuts down cleanly; <paramref name="immediate"/> is a crash (recovery at the next start).</summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        var server = _server;
        if (server is null || server.HasExited) return;
        var (code, output) = await ProgramRunner.RunAsync(_installation.Program("pg_ctl"),
            ["stop", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"], cancellationToken).ConfigureAwait(false);
        if (code != 0 && !server.HasExited && !immediate)
        {
            // A shutdown checkpoint that takes too long (a slow disk): stop at once; the next start recovers from the WAL.
            (code, output) = await ProgramRunner.RunAsync(_installation.Program("pg_ctl"),
                ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], cancellationToken).ConfigureAwait(false);
        }
        if (code != 0 && !server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            throw new PostgresClusterException($"pg_ctl stop failed ({Tail(output)}); the server was killed");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await server.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _server?.Dispose();
            _server = null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(6));
    }
}
