using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Testing.Postgres;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>Deletion: Retain by default (nothing lost), drop on request, and a role that still owns objects elsewhere is kept.</summary>
public sealed class DeletionTests : IAsyncLifetime
{
    private ProvisionerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProvisionerHarness.StartAsync(await PostgresTestServer.GetAsync());

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<long> CountAsync(string catalog, string column, string name) =>
        _h.ScalarAsync<long>($"SELECT count(*) FROM {catalog} WHERE {column} = $1", name)!;

    [Fact]
    public async Task By_default_deletion_keeps_the_database_the_role_and_the_password_secret()
    {
        var db = _h.Database("connect", "connect");
        await _h.CreateAsync(db);
        var ready = await _h.WaitReadyAsync("connect");
        ready.Metadata.Finalizers.ShouldContain(PostgresDatabase.Finalizer);
        ready.Status.Find(Conditions.Ready)!.Message.ShouldContain("kept (Retain");
        await using (var session = await _h.ConnectAsync("connect"))
        await using (var command = new Npgsql.NpgsqlCommand("CREATE TABLE connect.precious (v text); INSERT INTO connect.precious VALUES ('data')", session))
            await command.ExecuteNonQueryAsync();

        await _h.Store.DeleteAsync<PostgresDatabase>(ProvisionerHarness.Namespace, db.Metadata.Name);

        await Eventually.HoldsAsync(async () => await _h.GetAsync("connect") is null);
        (await CountAsync("pg_database", "datname", _h.Role("connect"))).ShouldBe(1);
        (await CountAsync("pg_roles", "rolname", _h.Role("connect"))).ShouldBe(1);
        var secret = await _h.Store.GetAsync<V1Secret>(ProvisionerHarness.Namespace, ProvisionerHarness.PasswordVault);
        secret.ShouldNotBeNull("the password of a retained role is kept");
        await using var again = await _h.ConnectAsync("connect");
        await using var read = new Npgsql.NpgsqlCommand("SELECT v FROM connect.precious", again);
        (await read.ExecuteScalarAsync()).ShouldBe("data");
    }

    [Fact]
    public async Task Teardown_drop_drops_the_database_and_the_role()
    {
        var db = _h.Database("packagemanager", "pm", "metrics");
        db.Spec.Teardown = new PostgresDatabaseTeardown { Drop = true };
        await _h.CreateAsync(db);
        (await _h.WaitReadyAsync("packagemanager")).Status.Find(Conditions.Ready)!.Message.ShouldContain("dropped (teardown.drop)");

        await _h.Store.DeleteAsync<PostgresDatabase>(ProvisionerHarness.Namespace, db.Metadata.Name);

        await Eventually.HoldsAsync(async () => await _h.GetAsync("packagemanager") is null, TimeSpan.FromSeconds(30));
        (await CountAsync("pg_database", "datname", _h.Role("packagemanager"))).ShouldBe(0);
        (await CountAsync("pg_roles", "rolname", _h.Role("packagemanager"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_role_owning_objects_elsewhere_is_not_dropped_and_the_object_waits_with_the_reason()
    {
        var db = _h.Database("workbench");
        db.Spec.Teardown = new PostgresDatabaseTeardown { Drop = true };
        await _h.CreateAsync(db);
        await _h.WaitReadyAsync("workbench");
        var elsewhere = $"{_h.Site}_elsewhere";
        await _h.ExecuteAsync($"CREATE DATABASE \"{elsewhere}\"");
        await _h.ExecuteAsync($"CREATE TABLE kept (v int); ALTER TABLE kept OWNER TO \"{_h.Role("workbench")}\"", elsewhere);

        await _h.Store.DeleteAsync<PostgresDatabase>(ProvisionerHarness.Namespace, db.Metadata.Name);

        var waiting = await Eventually.GetAsync(async () => (await _h.GetAsync("workbench"))!,
            d => d.Status.Find(Conditions.Ready) is { Reason: AdminFailure.RoleInUse }, TimeSpan.FromSeconds(30));
        waiting.Metadata.DeletionTimestamp.ShouldNotBeNull();
        waiting.Status.Find(Conditions.Ready)!.Message.ShouldContain($"role \"{_h.Role("workbench")}\" was not dropped");
        waiting.Status.Find(Conditions.Ready)!.Message.ShouldContain(elsewhere);
        (await CountAsync("pg_roles", "rolname", _h.Role("workbench"))).ShouldBe(1);

        await _h.ExecuteAsync("DROP TABLE kept", elsewhere);

        await Eventually.HoldsAsync(async () => await _h.GetAsync("workbench") is null, TimeSpan.FromSeconds(60));
        (await CountAsync("pg_roles", "rolname", _h.Role("workbench"))).ShouldBe(0);
    }
}
