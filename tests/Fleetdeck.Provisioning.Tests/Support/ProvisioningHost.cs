using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Controllers;
using Fleetdeck.Provisioning.Credentials;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Provisioning.Tests.Support;

/// <summary>A control plane in-process on free ports with org provisioning (and, optionally, the stand-in Site kind).</summary>
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

    public static async Task<ProvisioningHost> StartAsync(string? adminUrl, bool withSites = true, Func<ProvisioningSettings, ProvisioningSettings>? configure = null, string? stateDir = null)
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
        IControlPlaneModule[] modules = withSites ? [new TestSiteModule(), host.Module] : [host.Module];
        host.Host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = stateDir ?? host._dir.File("state"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = modules,
            HostedModules = [host.Module],
            ApiModules = [host.Module],
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

    /// <summary>Waits for the org's Site and marks it Ready, as the team operator would.</summary>
    public async Task MarkSiteReadyAsync(string id, bool ready = true)
    {
        var ns = ProvisioningGroup.NamespaceOf(id);
        await Eventually.HoldsAsync(async () => await Store.GetAsync<TestSite>(ns, id) is not null, TimeSpan.FromSeconds(30), $"the Site of {id} is made");
        await TestSite.MarkReadyAsync(Store, ns, id, ready);
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
