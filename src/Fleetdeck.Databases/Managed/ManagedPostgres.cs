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
/// </summary>
public sealed class ManagedPostgres(string? externalUrl = null, Func<PostgresInstallation?>? findInstallation = null) : IControlPlaneModule, IMainDatabaseFallback
{
    private PostgresCluster? _cluster;
    private string? _adminUrl;

    public string Name => "PostgreSQL";

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
        if (_cluster is null) return;
        await _cluster.StopAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _cluster.DisposeAsync().ConfigureAwait(false);
        _cluster = null;
    }
}
