using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.Http;

/// <summary>A corpus of bad requests, each with the status code it must get and a word its message must contain: never a 500.</summary>
public sealed class BadRequestCorpusTests(BadRequestCorpusTests.HostFixture fixture) : IClassFixture<BadRequestCorpusTests.HostFixture>
{
    private ProvisioningHost Api => fixture.Host;

    /// <summary>One control plane (without a database server) for the whole corpus, with one org in it.</summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        public ProvisioningHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await ProvisioningHost.StartAsync(adminUrl: null);
            (await Host.ProvisionAsync("existing")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private const string Valid = """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""";

    public static TheoryData<string, string, string, string?, int, string> Corpus() => new()
    {
        // method, path, body, content type, expected status, text the problem must contain
        { "POST", "api/v1/orgs/acme/provision", "{", "application/json", 400, "not valid JSON" },
        { "POST", "api/v1/orgs/acme/provision", "", "application/json", 400, "body is required" },
        { "POST", "api/v1/orgs/acme/provision", "[1,2]", "application/json", 400, "JSON object" },
        { "POST", "api/v1/orgs/acme/provision", "\"text\"", "application/json", 400, "JSON object" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":"ten"},"storage":{"sizeGi":1}}""", "application/json", 400, "database.sizeGi" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":1.5},"storage":{"sizeGi":1}}""", "application/json", 400, "integer" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":"connect","database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 400, "products" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":7,"products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 400, "domain" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1},"image":"x"}""", "application/json", 400, "image" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":1,"iops":3},"storage":{"sizeGi":1}}""", "application/json", 400, "database.iops" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","domain":"b.example.com","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 400, "twice" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":99999999999},"storage":{"sizeGi":1}}""", "application/json", 400, "database.sizeGi" },
        { "POST", "api/v1/orgs/acme/provision", Valid, "text/plain", 415, "application/json" },
        { "POST", "api/v1/orgs/acme/provision", Valid, null, 415, "application/json" },
        { "POST", "api/v1/orgs/acme/provision", "{\"domain\":\"" + new string('a', 20_000) + "\"}", "application/json", 413, "larger than" },
        { "POST", "api/v1/orgs/acme/provision", "{}", "application/json", 422, "domain" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":0},"storage":{"sizeGi":1}}""", "application/json", 422, "greater than 0" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":-5}}""", "application/json", 422, "storage.sizeGi" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{},"storage":{"sizeGi":1}}""", "application/json", 422, "database.sizeGi" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["excel"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 422, "products[0]" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect","connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 422, "twice" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"Not A Domain","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 422, "DNS name" },
        { "POST", "api/v1/orgs/acme/provision", """{"domain":"a.example.com","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1},"retentionPolicy":"Shred"}""", "application/json", 422, "retentionPolicy" },
        { "POST", "api/v1/orgs/Acme/provision", Valid, "application/json", 422, "DNS label" },
        { "POST", "api/v1/orgs/acme_corp/provision", Valid, "application/json", 422, "DNS label" },
        { "POST", "api/v1/orgs/-acme/provision", Valid, "application/json", 422, "DNS label" },
        { "POST", "api/v1/orgs/" + new string('a', 36) + "/provision", Valid, "application/json", 422, "at most 35" },
        { "POST", "api/v1/orgs/existing/provision", """{"domain":"other.example.com","products":["connect"],"database":{"sizeGi":1},"storage":{"sizeGi":1}}""", "application/json", 409, "different request" },
        { "POST", "api/v1/orgs/nobody/deprovision", "", "application/json", 404, "not found" },
        { "POST", "api/v1/orgs/existing/deprovision", """{"force":true}""", "application/json", 400, "force" },
        { "POST", "api/v1/orgs/Bad_Id/deprovision", "", "application/json", 422, "DNS label" },
        { "GET", "api/v1/orgs/nobody/status", "", null, 404, "not found" },
        { "GET", "api/v1/orgs/UPPER/status", "", null, 422, "DNS label" },
        { "GET", "api/v1/orgs?limit=0", "", null, 422, "limit" },
        { "GET", "api/v1/orgs?limit=abc", "", null, 422, "limit" },
        { "GET", "api/v1/orgs?limit=501", "", null, 422, "limit" },
        { "GET", "api/v1/orgs?continue=garbage", "", null, 400, "continue" },
        { "POST", "api/v1/orgs/existing/credentials", """{"ttlSeconds":0}""", "application/json", 422, "ttlSeconds" },
        { "POST", "api/v1/orgs/existing/credentials", """{"ttlSeconds":"soon"}""", "application/json", 400, "ttlSeconds" },
        { "POST", "api/v1/orgs/existing/credentials", """{"ttl":5}""", "application/json", 400, "ttl" },
        { "POST", "api/v1/orgs/existing/credentials", "", "application/json", 409, "ready" },
        { "POST", "api/v1/orgs/nobody/credentials", "", "application/json", 404, "not found" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_request_gets_its_status_code_and_a_problem_naming_what_is_wrong(string method, string path, string body, string? contentType, int status, string mentions)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await Api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["status"]!.GetValue<int>().ShouldBe(status);
        text.ShouldContain(mentions, Case.Insensitive);
    }

    public static TheoryData<string, string> Routes() => new()
    {
        { "POST", "api/v1/orgs/acme/provision" },
        { "POST", "api/v1/orgs/existing/deprovision" },
        { "GET", "api/v1/orgs/existing/status" },
        { "GET", "api/v1/orgs" },
        { "POST", "api/v1/orgs/existing/credentials" },
        { "GET", "api/v1/dashboard" },
        { "GET", "api/v1/openapi.json" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_refuses_a_missing_or_wrong_secret_with_401_and_accepts_the_primary_and_the_fallback(string method, string path)
    {
        foreach (var secret in new string?[] { null, "", "wrong", ProvisioningHost.Secret + "x", ProvisioningHost.Secret[..^1] })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (secret is not null) request.Headers.TryAddWithoutValidation("X-Fleetdeck-Internal-Secret", secret);
            if (method == "POST") request.Content = new StringContent(Valid, Encoding.UTF8, "application/json");
            using var response = await Api.Anonymous.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"secret \"{secret}\"");
            (await response.Content.ReadAsStringAsync()).ShouldContain("X-Fleetdeck-Internal-Secret");
        }
        if (method == "GET")
            foreach (var secret in new[] { ProvisioningHost.Secret, ProvisioningHost.OldSecret })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Fleetdeck-Internal-Secret", secret);
                using var response = await Api.Anonymous.SendAsync(request);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
    }

    [Fact]
    public async Task Health_stays_open_on_the_metrics_port()
    {
        using var metrics = new HttpClient { BaseAddress = Api.Host.MetricsAddress };
        (await metrics.GetAsync("healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await metrics.GetAsync("readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_pages_through_every_org()
    {
        for (var i = 0; i < 5; i++) (await Api.ProvisionAsync($"page-{i}")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = JsonNode.Parse(await Api.Client.GetStringAsync("api/v1/orgs?limit=2" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next))))!;
            seen.AddRange(page["items"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
            next = page["continue"]?.GetValue<string>();
            pages++;
        } while (next is not null);
        seen.ShouldBe([.. seen.Order(StringComparer.Ordinal)]);
        seen.ShouldBeUnique();
        seen.Where(s => s.StartsWith("page-", StringComparison.Ordinal)).ShouldBe(["page-0", "page-1", "page-2", "page-3", "page-4"]);
        pages.ShouldBe((seen.Count + 1) / 2);
    }
}
