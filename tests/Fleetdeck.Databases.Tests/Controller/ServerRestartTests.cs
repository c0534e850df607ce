using Fleetdeck.Core.Objects;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Testing.Postgres;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>The server killed in the middle of a reconcile: the failure shows, and the next attempts finish the work, once.</summary>
public sealed class ServerRestartTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("fleetdeck-pg-restart");
    private PostgresCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PostgresTestServer.StartPrivateAsync(_dir.Path);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_server_killed_after_CREATE_DATABASE_shows_ServerUnavailable_then_recovers_with_one_role_and_one_database()
    {
        await using var h = await ProvisionerHarness.StartAsync(_cluster);
        var killed = 0;
        h.Admin.OnStatement += statement =>
        {
            // Crash the server (pg_ctl stop -m immediate) right after the database is created, before its schemas are.
            if (statement.StartsWith("CREATE DATABASE", StringComparison.Ordinal) && Interlocked.Exchange(ref killed, 1) == 0)
                _cluster.StopAsync(immediate: true).GetAwaiter().GetResult();
        };
        await h.CreateAsync(h.Database("connect", "connect", "instrumentation"));

        var down = await h.WaitForAsync("connect", false, AdminFailure.ServerUnavailable);
        down.Status.Find("Ready")!.Message.ShouldContain("unreachable");

        await _cluster.RestartAsync();

        await h.WaitForAsync("connect", true, timeout: TimeSpan.FromSeconds(90));
        (await h.ScalarAsync<long>("SELECT count(*) FROM pg_roles WHERE rolname = $1", h.Role("connect"))).ShouldBe(1);
        (await h.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname = $1", h.Role("connect"))).ShouldBe(1);
        await using var connection = await h.ConnectAsync("connect");
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname IN ('connect', 'instrumentation') AND pg_get_userbyid(nspowner) = current_user", connection);
        (await command.ExecuteScalarAsync()).ShouldBe(2L);
        h.Statements.Count(s => s.StartsWith("CREATE ROLE", StringComparison.Ordinal)).ShouldBe(1);
        h.Statements.Count(s => s.StartsWith("CREATE DATABASE", StringComparison.Ordinal)).ShouldBe(1);
    }
}
