using Npgsql;
using Fleetdeck.Databases;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator;
using Fleetdeck.Testing.Postgres;

namespace Fleetdeck.Fleet.Tests.Ensure;

/// <summary>
/// An embedded control plane (in-process <c>up</c> with the database provisioner and the team operator, simulated workloads)
/// and a real PostgreSQL server, with an admin role of this fixture's own.
/// </summary>
public sealed class FleetControlPlane : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("fleet-e2e");

    public ControlPlaneHost Host { get; private set; } = null!;

    public string StateDir => _dir.File("state");

    public string Root => _dir.Path;

    public string AdminUrl { get; private set; } = "";

    public string SuperuserUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var cluster = await PostgresTestServer.GetAsync();
        SuperuserUrl = cluster.AdminUrl;
        AdminUrl = await CreateAdminAsync(canCreate: true);
        // Org provisioning serves the InfrastructureClaim kind that cloud (PTD) workloads' persistent step writes.
        var provisioning = new Fleetdeck.Provisioning.ProvisioningModule(new Fleetdeck.Provisioning.ProvisioningSettings { Infrastructure = "claims" });
        Host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = StateDir,
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = [new DatabasesModule(null), TeamOperatorModule.Embedded(null), provisioning],
        });
        await Host.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A fresh admin role on the test server; without CREATEDB/CREATEROLE it cannot provision (a real failure to inject).</summary>
    public async Task<string> CreateAdminAsync(bool canCreate)
    {
        var cluster = await PostgresTestServer.GetAsync();
        var role = $"fleet_admin_{Guid.NewGuid():N}"[..24];
        var password = PostgresTestServer.NewPassword();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD '{password}' {(canCreate ? "CREATEDB CREATEROLE" : "NOCREATEDB NOCREATEROLE")}", connection);
        await command.ExecuteNonQueryAsync();
        return $"postgres://{role}:{password}@127.0.0.1:{cluster.Port}/postgres";
    }

    public async Task SqlAsync(string sql)
    {
        var cluster = await PostgresTestServer.GetAsync();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<bool> DatabaseExistsAsync(string name)
    {
        var cluster = await PostgresTestServer.GetAsync();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _dir.Dispose();
    }
}
