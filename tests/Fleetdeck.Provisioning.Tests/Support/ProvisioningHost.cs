using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Controllers;
using Fleetdeck.Provisioning.Credentials;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Provisioning.Tests.Support;

/// <summary>The parts beside org provisioning in a test's control plane.</summary>
public enum SiteParts
{
    /// <summary>No Site kind: orgs get no Site.</summary>
    None,

    /// <summary>The real Site and product kinds, no controllers: a test sets status by hand.</summary>
    KindsOnly,

    /// <summary>The real team operator (simulated workloads) and database provisioner: Sites become Ready for real.</summary>
    TeamOperator,
}

/// <summary>A control plane in-process on free ports with org provisioning and, by default, the real team operator.</summary>
public sealed class ProvisioningHost : IAsyncDisposable
{
    public const string Secret = "test-internal-secret-0123456789abcdef";
    public const string OldSecret = "old-internal-secret-fedcba9876543210";

    private readonly TempDirectory _dir = new("fleetdeck-orgs");

    private ProvisioningHost()
    {
    }

    public ControlPlaneHost Host { get; private set; } = null!;

    public ProvisioningModule Module { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public IObjectStore Store => Host.Store;

    public string StateDirectory => Host.State.Path;

    public static async Task<ProvisioningHost> StartAsync(string? adminUrl, SiteParts sites = SiteParts.TeamOperator, Func<ProvisioningSettings, ProvisioningSettings>? configure = null, string? stateDir = null)
    {
        var host = new ProvisioningHost();
        var settings = new ProvisioningSettings
        {
            InternalSecret = Secret,
            FallbackSecrets = [OldSecret],
            DatabaseServer = adminUrl is null ? new NoDatabaseServer() : new ConfiguredDatabaseServer(adminUrl),
            Controller = new OrgControllerOptions { PollInterval = TimeSpan.FromMilliseconds(200), ReadyInterval = TimeSpan.FromSeconds(30), FailedInterval = TimeSpan.FromMilliseconds(300) },
            Credentials = new CredentialOptions { MinTtl = TimeSpan.FromSeconds(1), SweepInterval = TimeSpan.FromHours(1) },
        };
        host.Module = new ProvisioningModule(configure is null ? settings : configure(settings));
        IControlPlaneModule[] modules = sites switch
        {
            SiteParts.TeamOperator =>
            [
                new Fleetdeck.Databases.DatabasesModule(null),
                Fleetdeck.TeamOperator.TeamOperatorModule.Embedded(simulator: new() { StartupDelay = TimeSpan.FromMilliseconds(100) }),
                host.Module,
            ],
            SiteParts.KindsOnly => [new SiteKindsModule(), host.Module],
            _ => [host.Module],
        };
        host.Host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = stateDir ?? host._dir.File("state"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = modules,
        });
        await host.Host.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        host.Client = new HttpClient { BaseAddress = host.Host.ApiAddress };
        host.Client.DefaultRequestHeaders.Add("X-Fleetdeck-Internal-Secret", Secret);
        host.Anonymous = new HttpClient { BaseAddress = host.Host.ApiAddress };
        return host;
    }

    public static object Body(string domain = "acme.example.com", string[]? products = null, int database = 10, int storage = 50, string? retention = null) => new
    {
        domain,
        products = products ?? ["connect", "workbench"],
        database = new { sizeGi = database },
        storage = new { sizeGi = storage },
        retentionPolicy = retention,
    };

    public Task<HttpResponseMessage> ProvisionAsync(string id, object? body = null) =>
        Client.PostAsJsonAsync($"api/v1/orgs/{id}/provision", body ?? Body(), OrgsJson);

    public Task<HttpResponseMessage> DeprovisionAsync(string id) => Client.PostAsync($"api/v1/orgs/{id}/deprovision", null);

    public async Task<JsonObject?> StatusAsync(string id)
    {
        using var response = await Client.GetAsync($"api/v1/orgs/{id}/status");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public Task<JsonObject> WaitForStateAsync(string id, string state, TimeSpan? timeout = null, bool ready = false) =>
        Eventually.GetAsync(async () => (await StatusAsync(id))!, s => s["state"]!.GetValue<string>() == state && (!ready || s["ready"]!.GetValue<bool>()),
            timeout ?? TimeSpan.FromSeconds(30), because: $"org {id} reaches {state}");

    /// <summary>Waits until the team operator has made the org's Site Ready: its databases provisioned on the real server, its workloads available.</summary>
    public async Task WaitForSiteReadyAsync(string id)
    {
        var ns = ProvisioningGroup.NamespaceOf(id);
        await Eventually.GetAsync(async () => await Store.GetAsync<Fleetdeck.TeamOperator.Api.Site>(ns, id) is { } site
                ? $"{site.IsReady()}: {site.Status.Find(Conditions.Ready)?.Message}" : $"no Site; org: {(await StatusAsync(id))?["message"]}",
            ready => ready.StartsWith("True", StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"the Site of {id} is Ready");
    }

    public async Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType = "application/json", bool authorized = true)
    {
        var client = authorized ? Client : Anonymous;
        return await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
    }

    public static System.Text.Json.JsonSerializerOptions OrgsJson { get; } = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        _dir.Dispose();
    }
}
