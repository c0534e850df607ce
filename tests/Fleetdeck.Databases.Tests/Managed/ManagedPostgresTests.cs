using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Core.Modules;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.Testing.Postgres;

namespace Fleetdeck.Databases.Tests.Managed;

/// <summary>The embedded main database inside the control plane host, as <c>fleetdeck up</c> runs it.</summary>
public sealed class ManagedPostgresTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleetdeck-managed-pg");

    private string StateDir => _dir.File("state");

    public void Dispose() => _dir.Dispose();

    private static async Task<ControlPlaneHost> StartHostAsync(string stateDir, ManagedPostgres postgres)
    {
        var host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = stateDir,
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = [postgres, new DatabasesModule(postgres)],
        });
        await host.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    /// <summary>A PostgresDatabase as a Site with no workload secret gets it: the embedded server is used.</summary>
    private static PostgresDatabase SiteDatabase(int port) => new()
    {
        Metadata = new V1ObjectMeta { Name = "demo-connect", NamespaceProperty = "default" },
        Spec = new PostgresDatabaseSpec
        {
            Url = $"postgres://demo_connect@127.0.0.1:{port}/demo_connect",
            SecretVault = "demo-db",
            SecretPasswordKey = "pub-db-password",
            Schemas = ["connect", "instrumentation"],
        },
    };

    private static Task<PostgresDatabase> ReadyAsync(IObjectStore store) =>
        Eventually.GetAsync(async () => (await store.GetAsync<PostgresDatabase>("default", "demo-connect"))!, db => db.IsReady(), TimeSpan.FromSeconds(60), "demo-connect is Ready");

    [Fact]
    public async Task Up_runs_a_private_server_in_the_state_directory_that_sites_without_a_url_use_and_stops_it()
    {
        var postgres = new ManagedPostgres();
        int port;
        await using (var host = await StartHostAsync(StateDir, postgres))
        {
            postgres.Managed.ShouldBeTrue();
            port = postgres.Cluster!.Port;
            postgres.DisplayUrl.ShouldBe($"postgres://postgres@127.0.0.1:{port}/postgres");
            var password = (await File.ReadAllTextAsync(Path.Combine(StateDir, "postgres-password"))).Trim();
            postgres.AdminUrl!.ShouldContain(password);
            postgres.Cluster.DataDirectory.ShouldBe(Path.Combine(StateDir, "postgres"));

            await host.Store.CreateAsync(SiteDatabase(port));
            await ReadyAsync(host.Store);
        }

        postgres.AdminUrl.ShouldBeNull();
        await Should.ThrowAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password=x;Timeout=2;Pooling=false");
            await connection.OpenAsync();
        });

        // The data outlives the process: a second up finds the role and database (and issues no DDL for them).
        var again = new ManagedPostgres();
        await using (var host = await StartHostAsync(StateDir, again))
        {
            again.Cluster!.Port.ShouldBe(port, "the port is kept, so URLs naming it stay right");
            var db = await ReadyAsync(host.Store);
            db.Status.PasswordRevision.ShouldBe(1);
            await using var connection = new NpgsqlConnection(again.Cluster!.ConnectionString("demo_connect"));
            await connection.OpenAsync();
        }
    }

    [Fact]
    public async Task A_server_left_running_by_a_killed_up_is_stopped_and_started_afresh()
    {
        Directory.CreateDirectory(StateDir);
        await File.WriteAllTextAsync(Path.Combine(StateDir, "postgres-password"), "left-behind-password\n");
        var orphan = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = Path.Combine(StateDir, "postgres"),
            SuperuserPassword = "left-behind-password",
            Durable = false,
        });
        try
        {
            var postgres = new ManagedPostgres();
            await using var host = await StartHostAsync(StateDir, postgres);

            orphan.IsRunning.ShouldBeFalse("the old server was stopped before a new one started on its data");
            await using var connection = new NpgsqlConnection(postgres.Cluster!.ConnectionString());
            await connection.OpenAsync();
        }
        finally
        {
            await orphan.DisposeAsync();
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_server_that_dies_and_cannot_start_again_is_retried_a_bounded_number_of_times_and_reported()
    {
        var postgres = new ManagedPostgres { RestartAttempts = 2, RestartBackoff = TimeSpan.FromMilliseconds(10) };
        await using var host = await StartHostAsync(StateDir, postgres);
        host.Unready().ShouldBeNull();
        var data = postgres.Cluster!.DataDirectory;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var mode = File.GetUnixFileMode(data);
        File.SetUnixFileMode(data, UnixFileMode.None); // every start fails: PostgreSQL refuses a data directory it cannot use
        try
        {
            System.Diagnostics.Process.GetProcessById(postmaster).Kill();

            await Eventually.HoldsAsync(() => Task.FromResult(postgres.Problem?.Contains("could not be restarted (2 attempts)", StringComparison.Ordinal) == true),
                TimeSpan.FromSeconds(120), "the supervisor gives up after its attempts and says so");
            postgres.AdminUrl.ShouldBeNull();
            host.Unready().ShouldStartWith("PostgreSQL: the managed PostgreSQL server is down and could not be restarted");
            postgres.Restarts.ShouldBe(0);
        }
        finally
        {
            File.SetUnixFileMode(data, mode);
        }
    }

    [Fact]
    public async Task Without_PostgreSQL_installed_up_says_how_to_install_it_or_what_to_pass()
    {
        var postgres = new ManagedPostgres(findInstallation: () => null);

        var error = await Should.ThrowAsync<PostgresNotInstalledException>(() => StartHostAsync(StateDir, postgres));

        error.Message.ShouldContain("apt-get install postgresql");
        error.Message.ShouldContain("--postgres-url");
        error.Message.ShouldContain("FLEETDECK_POSTGRES_URL");
    }

    [Fact]
    public async Task Given_a_url_up_uses_that_server_and_shows_it_without_the_password()
    {
        var shared = await PostgresTestServer.GetAsync();
        var postgres = new ManagedPostgres(shared.AdminUrl);
        await using var host = await StartHostAsync(StateDir, postgres);

        postgres.Managed.ShouldBeFalse();
        postgres.Cluster.ShouldBeNull();
        postgres.AdminUrl.ShouldBe(shared.AdminUrl);
        postgres.DisplayUrl.ShouldBe(shared.DisplayUrl);
        Directory.Exists(Path.Combine(StateDir, "postgres")).ShouldBeFalse();
    }

    [Fact]
    public void The_versioned_bin_folder_is_found_when_PATH_has_no_PostgreSQL()
    {
        var found = PostgresInstallation.Find(path: "/nonexistent");

        found.ShouldNotBeNull();
        File.Exists(found.Program("initdb")).ShouldBeTrue();
        File.Exists(found.Program("pg_ctl")).ShouldBeTrue();
    }
}
