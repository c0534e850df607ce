using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Fleetdeck.Provisioning.Http;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.Http;

/// <summary>The served OpenAPI document matches the routes the server really has, and the request types' fields.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private ProvisioningHost _host = null!;

    public async Task InitializeAsync() => _host = await ProvisioningHost.StartAsync(adminUrl: null);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await _host.Client.GetStringAsync("api/v1/openapi.json"))!.AsObject();

    [Fact]
    public async Task Every_api_route_is_documented_and_every_documented_operation_is_served()
    {
        var document = await DocumentAsync();
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.0");
        var documented = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .Order(StringComparer.Ordinal).ToList();

        var served = RoutesUnder("/api/v1/").Where(r => !r.EndsWith("/api/v1/version", StringComparison.Ordinal)).ToList();
        served.ShouldBe(documented);
    }

    [Fact]
    public async Task The_security_scheme_is_the_internal_secret_header_and_every_operation_documents_401()
    {
        var document = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["internalSecret"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("apiKey");
        scheme["in"]!.GetValue<string>().ShouldBe("header");
        scheme["name"]!.GetValue<string>().ShouldBe(InternalSecrets.Header);
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                operation!["responses"]!.AsObject().ContainsKey("401").ShouldBeTrue($"{method} {path}");
    }

    [Theory]
    [InlineData("ProvisionRequest", typeof(ProvisionRequest))]
    [InlineData("SizeRequest", typeof(SizeRequest))]
    [InlineData("CredentialsRequest", typeof(CredentialsRequest))]
    public async Task A_request_schema_has_exactly_the_fields_the_server_accepts(string schema, Type type)
    {
        var document = await DocumentAsync();
        var properties = document["components"]!["schemas"]![schema]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        var accepted = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal);
        properties.ShouldBe(accepted);
        document["components"]!["schemas"]![schema]!["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task The_status_schema_lists_every_field_a_status_response_has()
    {
        (await _host.ProvisionAsync("docs")).EnsureSuccessStatusCode();
        var status = (await _host.StatusAsync("docs"))!;
        var document = await DocumentAsync();
        var schema = document["components"]!["schemas"]!["OrgStatus"]!["properties"]!.AsObject();
        foreach (var (field, _) in status) schema.ContainsKey(field).ShouldBeTrue($"OrgStatus lacks {field}");
        foreach (var (field, _) in status["request"]!.AsObject()) schema["request"]!["properties"]!.AsObject().ContainsKey(field).ShouldBeTrue($"request lacks {field}");
        document["components"]!["schemas"]!["OrgStatus"]!["properties"]!["state"]!["enum"]!.AsArray().Select(s => s!.GetValue<string>())
            .ShouldBe(Fleetdeck.Provisioning.Api.OrgStates.All);
    }

    [Fact]
    public async Task The_document_matches_its_golden_copy()
    {
        var served = (await DocumentAsync()).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var golden = Path.Combine(AppContext.BaseDirectory, "Http", "openapi.golden.json");
        if (Environment.GetEnvironmentVariable("FLEETDECK_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Http/openapi.golden.json"));
            await File.WriteAllTextAsync(source, served + "\n");
            return;
        }
        File.Exists(golden).ShouldBeTrue("regenerate with FLEETDECK_UPDATE_GOLDEN=1");
        served.ShouldBe((await File.ReadAllTextAsync(golden)).TrimEnd('\n'));
    }

    /// <summary>The module's routes as ASP.NET Core has them: mapped on a fresh application, read from its endpoint data sources.</summary>
    private List<string> RoutesUnder(string prefix)
    {
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder().Build();
        _host.Module.MapRoutes(app);
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)];
    }
}
