using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Postgres;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>The three products of a Site, provisioned on a real server: isolation between them, idempotence, no password anywhere it should not be.</summary>
public sealed class SiteProvisioningTests : IAsyncLifetime
{
    private ProvisionerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProvisionerHarness.StartAsync(await PostgresTestServer.GetAsync());

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task ProvisionSiteAsync()
    {
        await _h.CreateAsync(_h.Database("connect", "connect", "instrumentation"));
        await _h.CreateAsync(_h.Database("packagemanager", "pm", "metrics"));
        await _h.CreateAsync(_h.Database("workbench"));
        foreach (var product in new[] { "connect", "packagemanager", "workbench" }) await _h.WaitReadyAsync(product);
    }

    [Fact]
    public async Task Each_product_role_uses_its_own_schemas_and_is_denied_the_others_databases()
    {
        await ProvisionSiteAsync();
        var own = new Dictionary<string, string[]>
        {
            ["connect"] = ["connect", "instrumentation", "public"],
            ["packagemanager"] = ["pm", "metrics", "public"],
            ["workbench"] = ["public"],
        };

        foreach (var (product, schemas) in own)
        {
            await using var connection = await _h.ConnectAsync(product);
            foreach (var schema in schemas)
            {
                await Execute(connection, $"CREATE TABLE \"{schema}\".items (id int); INSERT INTO \"{schema}\".items VALUES (42)");
                (await Scalar<int>(connection, $"SELECT id FROM \"{schema}\".items")).ShouldBe(42);
            }
            (await Scalar<string>(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")).ShouldBe(_h.Role(product));

            foreach (var other in own.Keys.Where(o => o != product))
            {
                var denied = await Should.ThrowAsync<PostgresException>(() => _h.ConnectAsync(product, database: _h.Role(other)));
                denied.SqlState.ShouldBe("42501");
                denied.MessageText.ShouldContain("permission denied for database");
            }
        }

        // Even a connection the admin hands over cannot read another product's schemas.
        await _h.ExecuteAsync($"GRANT CONNECT ON DATABASE \"{_h.Role("connect")}\" TO \"{_h.Role("workbench")}\"");
        await using var intruder = await _h.ConnectAsync("workbench", database: _h.Role("connect"));
        var schemaDenied = await Should.ThrowAsync<PostgresException>(() => Scalar<int>(intruder, "SELECT id FROM connect.items"));
        schemaDenied.MessageText.ShouldContain("permission denied for schema connect");
    }

    [Fact]
    public async Task A_generated_password_is_long_random_stored_in_the_secret_and_never_in_the_server_log_or_status()
    {
        await ProvisionSiteAsync();
        var secret = (await _h.Store.GetAsync<V1Secret>(ProvisionerHarness.Namespace, ProvisionerHarness.PasswordVault))!;
        ManagedBy.IsManaged(secret).ShouldBeTrue();
        secret.Metadata.OwnerReferences.Count.ShouldBe(3, "each PostgresDatabase writing a key owns the shared secret");

        var passwords = new List<string>();
        foreach (var product in new[] { "connect", "packagemanager", "workbench" })
        {
            var password = await _h.PasswordAsync(product);
            password.Length.ShouldBeGreaterThanOrEqualTo(32);
            passwords.Add(password);
            var db = (await _h.GetAsync(product))!;
            ObjectJsonText(db).ShouldNotContain(password);
            db.Status.PasswordRevision.ShouldBe(1);
        }
        passwords.Distinct().Count().ShouldBe(3);

        var log = await File.ReadAllTextAsync(_h.Cluster.LogFile);
        log.ShouldContain($"CREATE ROLE \"{_h.Role("connect")}\" LOGIN PASSWORD 'SCRAM-SHA-256$4096:", customMessage: "log_statement=ddl shows the role statements, with a verifier");
        foreach (var password in passwords) log.ShouldNotContain(password);
        string.Join("\n", _h.Statements).ShouldNotContain("SCRAM", customMessage: "our own record of statements redacts even the verifier");
    }

    [Fact]
    public async Task Fifty_more_reconciles_issue_no_DDL_and_write_nothing_to_the_store()
    {
        await ProvisionSiteAsync();
        _h.Statements.ShouldNotBeEmpty();
        var reconciler = _h.NewReconciler();
        // Let the controller's own trailing reconciles (status writes wake it) finish before counting.
        await Eventually.HoldsAsync(() => Task.FromResult(_h.Manager.IsIdle));
        var statementsBefore = _h.Statements.Count;
        var logBefore = DdlLines(await File.ReadAllTextAsync(_h.Cluster.LogFile));
        var writesBefore = _h.CommittedWrites;

        for (var i = 0; i < 50; i++)
            foreach (var product in new[] { "connect", "packagemanager", "workbench" })
                (await _h.ReconcileOnceAsync(reconciler, product)).Requeue.ShouldBeFalse();

        _h.Statements.Count.ShouldBe(statementsBefore, "the adapter ran no DDL");
        DdlLines(await File.ReadAllTextAsync(_h.Cluster.LogFile)).ShouldBe(logBefore, "the server logged no DDL for this site");
        _h.CommittedWrites.ShouldBe(writesBefore, "nothing was written to the store");
    }

    [Fact]
    public async Task A_database_dropped_behind_our_back_is_created_again_on_the_next_reconcile()
    {
        await _h.CreateAsync(_h.Database("connect", "connect"));
        await _h.WaitReadyAsync("connect");
        await _h.ExecuteAsync($"DROP DATABASE \"{_h.Role("connect")}\" WITH (FORCE)");

        _h.Manager.ResyncNow();

        await Eventually.HoldsAsync(async () => await _h.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname = $1", _h.Role("connect")) == 1);
        await _h.WaitReadyAsync("connect");
        await using var connection = await _h.ConnectAsync("connect");
        (await Scalar<string>(connection, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'connect'")).ShouldBe(_h.Role("connect"));
    }

    private int DdlLines(string log) => log.Split('\n').Count(l => l.Contains("statement:", StringComparison.Ordinal) && l.Contains(_h.Site, StringComparison.Ordinal));

    private static string ObjectJsonText(PostgresDatabase db) => Fleetdeck.Core.Serialization.ObjectJson.ToNode(db).ToJsonString();

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
