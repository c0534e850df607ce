using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.EndToEnd;

/// <summary>The whole lifecycle over HTTP against a running control plane and a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LifecycleOverHttpTests(PostgresCluster pg) : IAsyncLifetime
{
    private ProvisioningHost _host = null!;

    public async Task InitializeAsync() => _host = await ProvisioningHost.StartAsync(pg.AdminUrl);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_org_is_provisioned_gated_on_its_Site_used_with_brokered_credentials_and_deprovisioned_with_Delete()
    {
        using var created = await _host.ProvisionAsync("acme", ProvisioningHost.Body(retention: "Delete"));
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        created.Headers.Location!.ToString().ShouldBe("/api/v1/orgs/acme/status");
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        body["id"]!.GetValue<string>().ShouldBe("acme");

        // The infrastructure and databases come up, but ready waits for the Site.
        var waiting = await Eventually.GetAsync(async () => (await _host.StatusAsync("acme"))!,
            s => Condition(s, "DatabasesReady")?["status"]?.GetValue<string>() == "True", TimeSpan.FromSeconds(30));
        waiting["state"]!.GetValue<string>().ShouldBe("provisioning");
        Condition(waiting, "SiteReady")!["status"]!.GetValue<string>().ShouldBe("False");
        (await pg.RoleExistsAsync("org_acme")).ShouldBeTrue();
        (await pg.DatabaseExistsAsync("org_acme")).ShouldBeTrue();
        Directory.Exists(Path.Combine(_host.StateDirectory, "orgs", "acme")).ShouldBeTrue();

        var site = await _host.Store.GetAsync<Fleetdeck.TeamOperator.Api.Site>("org-acme", "acme");
        site.ShouldNotBeNull();
        var siteJson = Core.Serialization.ObjectJson.ToNode(site!);
        siteJson["spec"]!["domain"]!.GetValue<string>().ShouldBe("acme.example.com");
        siteJson["spec"]!["connect"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
        siteJson["spec"]!["chronicle"]!["enabled"]!.GetValue<bool>().ShouldBeFalse();
        siteJson["spec"]!["workloadSecret"]!["vaultName"]!.GetValue<string>().ShouldBe("acme-workload");
        var workload = await _host.Store.GetAsync<V1Secret>("org-acme", "acme-workload");
        System.Text.Encoding.UTF8.GetString(workload!.Data["main-database-url"]).ShouldStartWith("postgres://postgres:");

        await _host.WaitForSiteReadyAsync("acme");
        var ready = await _host.WaitForStateAsync("acme", "ready", ready: true);
        ready["timestamps"]!["provisioningStartedAt"].ShouldNotBeNull();
        ready["timestamps"]!["readyAt"].ShouldNotBeNull();
        ready["endpoints"]!["database"]!.GetValue<string>().ShouldBe($"127.0.0.1:{pg.Port}/org_acme");
        ready["infrastructure"]!.GetValue<string>().ShouldBe("local");
        var text = ready.ToJsonString();
        text.ShouldNotContain("password", Case.Insensitive);
        text.ShouldNotContain(pg.AdminUrl.Split(':')[2].Split('@')[0]);

        // Brokered credentials: a real login that acts as the org's role.
        using var issued = await _host.Client.PostAsJsonAsync("api/v1/orgs/acme/credentials", new { ttlSeconds = 600 });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        issued.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var credential = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var user = credential["username"]!.GetValue<string>();
        user.ShouldMatch("^org_acme_c_[0-9a-f]{8}$");
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = pg.Port, Database = "org_acme", Username = user, Password = credential["password"]!.GetValue<string>(), Pooling = false,
        }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE notes (id int); SELECT current_user", connection);
            (await create.ExecuteScalarAsync()).ShouldBe("org_acme");
        }
        (await pg.ScalarAsync<string>("SELECT tableowner::text FROM pg_tables WHERE tablename = 'notes'", "org_acme")).ShouldBe("org_acme");

        // Another org's credential cannot reach this org's database.
        using (var other = await _host.ProvisionAsync("globex", ProvisioningHost.Body("globex.example.com"))) other.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("globex");
        await _host.WaitForStateAsync("globex", "ready", ready: true);
        using var otherIssued = await _host.Client.PostAsJsonAsync("api/v1/orgs/globex/credentials", new { });
        var otherCredential = JsonNode.Parse(await otherIssued.Content.ReadAsStringAsync())!;
        var denied = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = pg.Port, Database = "org_acme", Username = otherCredential["username"]!.GetValue<string>(),
                Password = otherCredential["password"]!.GetValue<string>(), Pooling = false,
            }.ConnectionString);
            await connection.OpenAsync();
        });
        denied.SqlState.ShouldBe("42501");

        // Deprovision with Delete: Site, roles (brokered too), database and storage go.
        using var deprovision = await _host.DeprovisionAsync("acme");
        deprovision.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var deleted = await _host.WaitForStateAsync("acme", "deleted");
        deleted["timestamps"]!["deletedAt"].ShouldNotBeNull();
        (await _host.Store.GetAsync<Fleetdeck.TeamOperator.Api.Site>("org-acme", "acme")).ShouldBeNull();
        (await pg.DatabaseExistsAsync("org_acme")).ShouldBeFalse();
        (await pg.RoleExistsAsync("org_acme")).ShouldBeFalse();
        (await pg.RoleExistsAsync(user)).ShouldBeFalse();
        Directory.Exists(Path.Combine(_host.StateDirectory, "orgs", "acme")).ShouldBeFalse();
        (await pg.RoleExistsAsync("org_globex")).ShouldBeTrue();

        using var again = await _host.DeprovisionAsync("acme");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deprovision_with_Retain_keeps_the_database_and_its_data_and_revokes_logins_then_provisioning_again_restores_them()
    {
        (await _host.ProvisionAsync("initech")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("initech");
        await _host.WaitForStateAsync("initech", "ready", ready: true);
        using var issued = await _host.Client.PostAsJsonAsync("api/v1/orgs/initech/credentials", new { });
        var credential = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        await pg.ExecAsync("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('precious'); ALTER TABLE kept OWNER TO org_initech", "org_initech");

        (await _host.DeprovisionAsync("initech")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForStateAsync("initech", "deleted");
        (await _host.Store.GetAsync<Fleetdeck.TeamOperator.Api.Site>("org-initech", "initech")).ShouldBeNull();
        (await pg.DatabaseExistsAsync("org_initech")).ShouldBeTrue();
        (await pg.RoleExistsAsync("org_initech")).ShouldBeTrue();
        (await pg.RoleCanLoginAsync("org_initech")).ShouldBeFalse();
        (await pg.RoleExistsAsync(credential["username"]!.GetValue<string>())).ShouldBeFalse();
        (await pg.ScalarAsync<string>("SELECT v FROM kept", "org_initech")).ShouldBe("precious");

        (await _host.ProvisionAsync("initech")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("initech");
        var back = await _host.WaitForStateAsync("initech", "ready", ready: true);
        back["timestamps"]!["deletedAt"].ShouldBeNull();
        (await pg.RoleCanLoginAsync("org_initech")).ShouldBeTrue();
    }

    [Fact]
    public async Task Twenty_concurrent_provision_calls_for_one_org_produce_exactly_one_environment()
    {
        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _host.ProvisionAsync("hooli"))).ToList();
        var responses = await Task.WhenAll(calls);
        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Accepted);
        foreach (var r in responses) r.Dispose();

        await _host.WaitForSiteReadyAsync("hooli");
        await _host.WaitForStateAsync("hooli", "ready", ready: true);
        (await _host.Store.ListAsync<Org>()).Count(o => o.Id == "hooli").ShouldBe(1);
        (await _host.Store.ListAsync<Fleetdeck.TeamOperator.Api.Site>(new ListOptions { Namespace = "org-hooli" })).Count.ShouldBe(1);
        (await pg.ScalarAsync<long>("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'org_hooli%'")).ShouldBe(1);
        (await pg.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname LIKE 'org_hooli%'")).ShouldBe(1);
        Directory.GetDirectories(Path.Combine(_host.StateDirectory, "orgs")).Count(d => Path.GetFileName(d).StartsWith("hooli", StringComparison.Ordinal)).ShouldBe(1);
        var org = await _host.Store.GetAsync<Org>(null, "hooli");
        org!.Metadata.Generation.ShouldBe(1);

        // The same body again is idempotent; a different one while ready re-provisions, while provisioning conflicts.
        using var same = await _host.ProvisionAsync("hooli");
        same.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _host.Store.GetAsync<Org>(null, "hooli"))!.Metadata.ResourceVersion.ShouldBe(org.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_different_request_conflicts_while_provisioning_and_is_applied_once_ready()
    {
        (await _host.ProvisionAsync("umbrella")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var conflict = await _host.ProvisionAsync("umbrella", ProvisioningHost.Body(products: ["connect"]));
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflict.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await conflict.Content.ReadAsStringAsync()).ShouldContain("different request");

        await _host.WaitForSiteReadyAsync("umbrella");
        await _host.WaitForStateAsync("umbrella", "ready", ready: true);
        using var change = await _host.ProvisionAsync("umbrella", ProvisioningHost.Body(products: ["connect"]));
        change.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var site = await Eventually.GetAsync(async () => Core.Serialization.ObjectJson.ToNode((await _host.Store.GetAsync<Fleetdeck.TeamOperator.Api.Site>("org-umbrella", "umbrella"))!),
            s => s["spec"]!["workbench"]!["enabled"]!.GetValue<bool>() == false);
        site["spec"]!["connect"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
        await _host.WaitForSiteReadyAsync("umbrella");
        var status = await _host.WaitForStateAsync("umbrella", "ready", ready: true);
        status["request"]!["products"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["connect"]);
    }

    [Fact]
    public async Task A_ready_org_writes_nothing_over_resyncs()
    {
        (await _host.ProvisionAsync("steady")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("steady");
        await _host.WaitForStateAsync("steady", "ready", ready: true);
        await Task.Delay(1000);
        var before = _host.Host.Store.CommittedWrites;
        for (var i = 0; i < 3; i++)
        {
            _host.Host.Manager.ResyncNow();
            await Task.Delay(700);
        }
        (await _host.StatusAsync("steady"))!["ready"]!.GetValue<bool>().ShouldBeTrue();
        (_host.Host.Store.CommittedWrites - before).ShouldBe(0);
    }

    [Fact]
    public async Task Two_controllers_on_one_store_and_twenty_concurrent_calls_still_make_one_environment()
    {
        // A second replica's controller, on the same store, racing the first on every write.
        await using var second = new Core.Runtime.ControllerManager(_host.Store);
        _host.Module.AddControllers(second);
        using var stop = new CancellationTokenSource();
        var running = second.RunAsync(stop.Token);
        await second.Started.WaitAsync(TimeSpan.FromSeconds(10));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _host.ProvisionAsync("massive"))));
        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("massive");
        await _host.WaitForStateAsync("massive", "ready", ready: true);

        (await _host.Store.ListAsync<Fleetdeck.TeamOperator.Api.Site>(new ListOptions { Namespace = "org-massive" })).Count.ShouldBe(1);
        (await pg.ScalarAsync<long>("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'org_massive%'")).ShouldBe(1);
        (await pg.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname LIKE 'org_massive%'")).ShouldBe(1);
        // One workload secret and one org database secret; the rest are the team operator's (product keys, database passwords).
        var secrets = (await _host.Store.ListAsync<V1Secret>(new ListOptions { Namespace = "org-massive" })).Select(s => s.Metadata.Name).ToList();
        secrets.Count(n => n == "massive-workload").ShouldBe(1);
        secrets.Count(n => n == "org-database").ShouldBe(1);
        (await _host.Store.ListAsync<Fleetdeck.TeamOperator.Api.PostgresDatabase>(new ListOptions { Namespace = "org-massive" })).Count.ShouldBe(2, "connect and workbench");
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Deleting_the_Org_object_itself_tears_down_per_the_retention_policy_before_it_goes()
    {
        (await _host.ProvisionAsync("soylent", ProvisioningHost.Body("soylent.example.com", retention: "Delete"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("soylent");
        await _host.WaitForStateAsync("soylent", "ready", ready: true);
        (await _host.Store.GetAsync<Org>(null, "soylent"))!.Metadata.Finalizers.ShouldContain("provisioning.fleetdeck.dev/teardown");

        await _host.Store.DeleteAsync<Org>(null, "soylent");
        await Eventually.HoldsAsync(async () => await _host.Store.GetAsync<Org>(null, "soylent") is null, TimeSpan.FromSeconds(30), "the Org goes once torn down");
        (await pg.DatabaseExistsAsync("org_soylent")).ShouldBeFalse();
        (await pg.RoleExistsAsync("org_soylent")).ShouldBeFalse();
        (await _host.Store.GetAsync<Fleetdeck.TeamOperator.Api.Site>("org-soylent", "soylent")).ShouldBeNull();
        Directory.Exists(Path.Combine(_host.StateDirectory, "orgs", "soylent")).ShouldBeFalse();
    }

    [Fact]
    public async Task Metrics_count_orgs_by_state_and_credentials_issued()
    {
        (await _host.ProvisionAsync("metered")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("metered");
        await _host.WaitForStateAsync("metered", "ready", ready: true);
        (await _host.Client.PostAsync("api/v1/orgs/metered/credentials", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var metrics = new HttpClient { BaseAddress = _host.Host.MetricsAddress };
        var text = await Eventually.GetAsync(() => metrics.GetStringAsync("metrics"), t => t.Contains("fleetdeck_orgs{state=\"ready\"} 1", StringComparison.Ordinal));
        text.ShouldContain("fleetdeck_org_credentials_issued_total 1");
        text.ShouldContain("fleetdeck_orgs{state=\"failed\"} 0");
    }

    private static JsonNode? Condition(JsonNode status, string type) =>
        status["conditions"]!.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type);
}
