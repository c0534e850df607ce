using System.Text.Json.Nodes;
using Npgsql;
using Fleetdeck.Cli.Tests;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.Cli;

/// <summary><c>fleetdeck orgs …</c> in-process against a running control plane (without a Site kind) and a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrgsCommandTests(PostgresCluster pg) : IAsyncLifetime
{
    private ProvisioningHost _host = null!;

    public async Task InitializeAsync() => _host = await ProvisioningHost.StartAsync(pg.AdminUrl, sites: SiteParts.None);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync(["orgs", "--api-url", _host.Host.ApiAddress.ToString(), "--internal-secret", ProvisioningHost.Secret, .. args]);

    [Fact]
    public async Task Provision_wait_status_list_credentials_and_deprovision()
    {
        var provision = await RunAsync("provision", "tyrell", "--domain", "tyrell.example.com", "-p", "connect", "-p", "workbench", "--database-size", "5", "--wait", "--timeout", "1m");
        provision.ExitCode.ShouldBe(0, provision.ToString());
        provision.Output.ShouldContain("State:      ready");
        provision.Output.ShouldContain("no Site kind");

        var status = await RunAsync("status", "tyrell", "-o", "json");
        status.ExitCode.ShouldBe(0, status.ToString());
        var json = JsonNode.Parse(status.Output)!;
        json["request"]!["databaseSizeGi"]!.GetValue<int>().ShouldBe(5);
        json["request"]!["products"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["connect", "workbench"]);

        var list = await RunAsync("list");
        list.ExitCode.ShouldBe(0, list.ToString());
        list.Output.ShouldContain("tyrell");
        list.Output.ShouldContain("ready");

        var credentials = await RunAsync("credentials", "tyrell", "--ttl", "5m", "-o", "url");
        credentials.ExitCode.ShouldBe(0, credentials.ToString());
        var url = Fleetdeck.Provisioning.Infrastructure.PostgresUrl.Parse(credentials.Output.Trim());
        url.Pooling = false;
        await using (var connection = new NpgsqlConnection(url.ConnectionString))
        {
            await connection.OpenAsync();
        }

        var deprovision = await RunAsync("deprovision", "tyrell", "--wait", "--timeout", "1m");
        deprovision.ExitCode.ShouldBe(0, deprovision.ToString());
        deprovision.Output.ShouldContain("State:      deleted");
    }

    [Fact]
    public async Task Errors_are_one_clear_line_with_a_fitting_exit_code()
    {
        var unknown = await RunAsync("status", "nobody");
        unknown.ExitCode.ShouldBe(3);
        unknown.Error.ShouldContain("org nobody not found");

        var invalid = await RunAsync("provision", "Bad_Id", "--domain", "x.example.com", "-p", "excel", "--database-size", "0");
        invalid.ExitCode.ShouldBe(1);
        invalid.Error.ShouldContain("id: must be a DNS label");
        invalid.Error.ShouldContain("products[0]");
        invalid.Error.ShouldContain("database.sizeGi");

        var wrongSecret = await CliRun.RunAsync("orgs", "--api-url", _host.Host.ApiAddress.ToString(), "--internal-secret", "nope", "list");
        wrongSecret.ExitCode.ShouldBe(5);
        wrongSecret.Error.ShouldContain("--internal-secret");

        var down = await CliRun.RunAsync("orgs", "--api-url", "http://127.0.0.1:1/", "--internal-secret", "x", "list");
        down.ExitCode.ShouldBe(1);
        down.Error.ShouldContain("cannot reach the Fleetdeck API");

        var badTtl = await RunAsync("credentials", "nobody", "--ttl", "soon");
        badTtl.ExitCode.ShouldBe(2, "a usage error, refused before any request");
        badTtl.Error.ShouldContain("--ttl \"soon\" is not a duration");
    }
}
