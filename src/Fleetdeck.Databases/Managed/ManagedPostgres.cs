using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Modules;
using Fleetdeck.Databases.Admin;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Databases.Managed;

/// <summary>
/// The embedded main database of <c>fleetdeck up</c>. Given an admin URL (<c>--postgres-url</c>), that server is used;
/// otherwise a private cluster runs under <c>&lt;state-dir&gt;/postgres</c> on a free loopback port, its superuser
/// password kept in <c>&lt;state-dir&gt;/postgres-password</c> and its port in <c>postgres-port</c> (the same one on every
/// start while it is free), and is stopped when <c>up</c> stops.
/// <para>
/// The private server is supervised: if it dies, it is started again after a backoff (1 s, doubling, at most
/// <see cref="RestartAttempts"/> tries per outage: about two minutes). While it is down, <see cref="Problem"/> says why
/// (so <c>/readyz</c> fails), <see cref="AdminUrl"/> is null, and the host has every controller look again, so that the
/// PostgresDatabases and Orgs on it report the outage; once it is back, they report that too.
/// </para>
/// </summary>
public sealed class ManagedPostgres(string? externalUrl = null, Func<PostgresInstallation?>? findInstallation = null) : IControlPlaneModule, IMainDatabaseFallback
{
    private PostgresCluster? _cluster;
    private string? _adminUrl;
    private string? _problem;
    private CancellationTokenSource _stop = new();
    private Task _supervisor = Task.CompletedTask;
    private int _restarts;

    public string Name => "PostgreSQL";

    /// <summary>How many times an outage may try to start the server before giving up (then up stays unready, saying so).</summary>
    public int RestartAttempts { get; init; } = 8;

    /// <summary>The wait before the first restart; it doubles with each failed attempt, up to 30 s.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Null while the server is up (or is not ours to watch); else what happened to it, for /readyz and the objects on it.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>How many times the supervisor has brought the server back.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The admin URL once the server is up (with its password: never print it; see <see cref="DisplayUrl"/>).</summary>
    public string? AdminUrl => Volatile.Read(ref _adminUrl);

    /// <summary>The server's URL without its password, for people.</summary>
    public string? DisplayUrl { get; private set; }

    /// <summary>Whether this module runs its own server (no <c>--postgres-url</c>).</summary>
    public bool Managed => externalUrl is null;

    public PostgresCluster? Cluster => _cluster;

    public async Task StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var logger = context.Loggers.CreateLogger("Fleetdeck.Postgres");
        if (externalUrl is not null)
        {
            if (!PostgresUrl.TryParse(externalUrl, out var url, out var problem))
                throw new FormatException($"--postgres-url {problem} (expected postgres://user:password@host:5432/postgres)");
            DisplayUrl = url.ToString();
            Volatile.Write(ref _adminUrl, externalUrl);
            logger.LogInformation("Main database: {Url}", DisplayUrl);
            return;
        }

        var installation = (findInstallation ?? (() => PostgresInstallation.Find()))()
            ?? throw new PostgresNotInstalledException($"no PostgreSQL server programs (initdb, pg_ctl) were found on PATH or in /usr/lib/postgresql/*/bin, and no --postgres-url was given: {PostgresInstallation.InstallHint}");
        var state = context.RequireState("the managed PostgreSQL");
        var password = state.ReadOrCreateSecret("postgres-password", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        await LetServerUserThroughAsync(state.Path, cancellationToken).ConfigureAwait(false);
        // The port is kept across restarts: PostgresDatabase URLs and product configs name it.
        var portFile = state.File("postgres-port");
        var options = new PostgresClusterOptions
        {
            DataDirectory = state.File("postgres"),
            SuperuserPassword = password,
            Installation = installation,
            Port = File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var kept) ? kept : 0,
        };
        try
        {
            _cluster = await PostgresCluster.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresClusterException e) when (options.Port != 0 && e.Message.Contains("is in use", StringComparison.Ordinal))
        {
            logger.LogWarning("Port {Port} of the managed PostgreSQL is taken; using another (PostgresDatabase URLs naming the old port must be updated)", options.Port);
            _cluster = await PostgresCluster.StartAsync(options with { Port = 0 }, cancellationToken).ConfigureAwait(false);
        }
        await File.WriteAllTextAsync(portFile, _cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", cancellationToken).ConfigureAwait(false);
        DisplayUrl = _cluster.DisplayUrl;
        Volatile.Write(ref _adminUrl, _cluster.AdminUrl);
        logger.LogInformation("Managed PostgreSQL ({Bin}) on {Url}; data in {Data}", installation.BinDirectory, DisplayUrl, _cluster.DataDirectory);
        // One module may serve one control plane after another in a process (an in-process up, then another).
        _stop = new CancellationTokenSource();
        var cluster = _cluster;
        _supervisor = Task.Run(() => SuperviseAsync(cluster, context, logger, _stop.Token), CancellationToken.None);
    }

    /// <summary>Waits for the server to die, then brings it back, reporting the outage while it lasts.</summary>
    private async Task SuperviseAsync(PostgresCluster cluster, ModuleContext context, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var exit = await cluster.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                Report(null, $"the managed PostgreSQL server stopped unexpectedly ({exit}); restarting it", context);
                logger.LogError("The managed PostgreSQL server stopped unexpectedly ({Exit}); restarting it", exit);
                if (!await RestartAsync(cluster, context, logger, exit, cancellationToken).ConfigureAwait(false)) return;
                Interlocked.Increment(ref _restarts);
                Report(cluster.AdminUrl, null, context);
                logger.LogInformation("The managed PostgreSQL server is back on {Url}", cluster.DisplayUrl);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // up is stopping
        }
        catch (Exception e)
        {
            Report(null, $"the managed PostgreSQL server is no longer supervised: {e.Message}; restart fleetdeck up", context);
            logger.LogError("Supervising the managed PostgreSQL failed: {Message}", e.Message);
        }
    }

    private async Task<bool> RestartAsync(PostgresCluster cluster, ModuleContext context, ILogger logger, string exit, CancellationToken cancellationToken)
    {
        var delay = RestartBackoff;
        var last = exit;
        for (var attempt = 1; attempt <= RestartAttempts; attempt++)
        {
            await Task.Delay(delay, context.Time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            try
            {
                await cluster.RestartAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (PostgresClusterException e)
            {
                last = e.Message;
                // Conditions quote this: the server's own words (which may quote a statement) stay in its log and ours.
                Report(null, $"the managed PostgreSQL server is down and restart {attempt} of {RestartAttempts} failed (see its log: {cluster.LogFile})", context);
                logger.LogWarning("Restart {Attempt} of {Attempts} of the managed PostgreSQL failed: {Message}", attempt, RestartAttempts, e.Message);
            }
        }
        Report(null, $"the managed PostgreSQL server is down and could not be restarted ({RestartAttempts} attempts); see its log ({cluster.LogFile}), then restart fleetdeck up", context);
        logger.LogError("Gave up restarting the managed PostgreSQL after {Attempts} attempts (last: {Last}); see {Log}", RestartAttempts, last, cluster.LogFile);
        return false;
    }

    private void Report(string? adminUrl, string? problem, ModuleContext context)
    {
        Volatile.Write(ref _adminUrl, adminUrl);
        var before = Interlocked.Exchange(ref _problem, problem);
        if (before != problem) context.HealthChanged();
    }

    /// <summary>
    /// As root, PostgreSQL runs as the <c>postgres</c> user, which must pass through the state directory (mode 0700) to
    /// reach its data: the directory's group becomes <c>postgres</c> with search permission only (0710), so it can go
    /// through but not list or read what else is there.
    /// </summary>
    private static async Task LetServerUserThroughAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        if (!ProgramRunner.AsServerUser || !OperatingSystem.IsLinux()) return;
        var (code, output) = await ProgramRunner.RunAsync("chgrp", [ProgramRunner.ServerUser, stateDirectory], cancellationToken, asServerUser: false).ConfigureAwait(false);
        if (code != 0) throw new PostgresClusterException($"could not let the {ProgramRunner.ServerUser} user through {stateDirectory}: {output}");
        File.SetUnixFileMode(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _adminUrl, null);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _supervisor.ConfigureAwait(false);
        if (_cluster is null) return;
        await _cluster.StopAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _cluster.DisposeAsync().ConfigureAwait(false);
        _cluster = null;
    }
}
