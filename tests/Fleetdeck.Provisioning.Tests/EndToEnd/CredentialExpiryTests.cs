using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.EndToEnd;

/// <summary>Brokered credentials stop working when they expire, and the sweeper drops them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialExpiryTests(PostgresCluster pg) : IAsyncLifetime
{
    private ProvisioningHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ProvisioningHost.StartAsync(pg.AdminUrl);
        (await _host.ProvisionAsync("wayne")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _host.WaitForSiteReadyAsync("wayne");
        await _host.WaitForStateAsync("wayne", "ready", ready: true);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_connection_after_expiry_fails_and_the_expired_role_is_swept_while_a_live_one_stays()
    {
        var shortLived = await IssueAsync(3);
        var longLived = await IssueAsync(3600);
        DateTimeOffset.Parse(longLived["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(59));

        await ConnectAsync(shortLived); // works while valid
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var expired = await Should.ThrowAsync<PostgresException>(() => ConnectAsync(shortLived));
        expired.SqlState.ShouldBe("28P01");
        await ConnectAsync(longLived);

        (await _host.Module.Sweeper.SweepAsync(CancellationToken.None)).ShouldBe(1);
        (await pg.RoleExistsAsync(shortLived["username"]!.GetValue<string>())).ShouldBeFalse();
        (await pg.RoleExistsAsync(longLived["username"]!.GetValue<string>())).ShouldBeTrue();
        (await _host.Module.Sweeper.SweepAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task The_default_lifetime_is_15_minutes_and_more_than_12_hours_is_refused()
    {
        using var issued = await _host.Client.PostAsync("api/v1/orgs/wayne/credentials", null);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var credential = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var expires = DateTimeOffset.Parse(credential["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (expires - DateTimeOffset.UtcNow).TotalMinutes.ShouldBeInRange(14, 15.1);
        var validUntil = await pg.ScalarAsync<DateTime>($"SELECT rolvaliduntil FROM pg_roles WHERE rolname = '{credential["username"]}'");
        Math.Abs((validUntil.ToUniversalTime() - expires.UtcDateTime).TotalSeconds).ShouldBeLessThan(1);

        using var tooLong = await _host.Client.PostAsJsonAsync("api/v1/orgs/wayne/credentials", new { ttlSeconds = 12 * 3600 + 1 });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("ttlSeconds");
    }

    [Fact]
    public async Task Credentials_for_an_org_that_is_not_ready_are_refused()
    {
        (await _host.ProvisionAsync("stark")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var notReady = await _host.Client.PostAsync("api/v1/orgs/stark/credentials", null);
        notReady.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var unknown = await _host.Client.PostAsync("api/v1/orgs/nobody/credentials", null);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<JsonNode> IssueAsync(int seconds)
    {
        using var response = await _host.Client.PostAsJsonAsync("api/v1/orgs/wayne/credentials", new { ttlSeconds = seconds });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task ConnectAsync(JsonNode credential)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = credential["host"]!.GetValue<string>(),
            Port = credential["port"]!.GetValue<int>(),
            Database = credential["database"]!.GetValue<string>(),
            Username = credential["username"]!.GetValue<string>(),
            Password = credential["password"]!.GetValue<string>(),
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        (await command.ExecuteScalarAsync()).ShouldBe(1);
    }
}
