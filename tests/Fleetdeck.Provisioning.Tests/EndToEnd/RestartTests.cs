using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Fleetdeck.Cli.Client;
using Fleetdeck.Cli.Tests;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.EndToEnd;

/// <summary>
/// <c>fleetdeck up</c> as a child process, killed with SIGKILL while an org is provisioning: after a restart the org
/// resumes where it was (same claim, same deadline) and becomes ready once its infrastructure is.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RestartTests(PostgresCluster pg) : IDisposable
{
    private const string Secret = "restart-test-secret-0123456789";
    private readonly TempDirectory _dir = new("fleetdeck-orgs-restart");

    private string StateDir => _dir.File("state");

    private Task<FleetdeckProcess> UpAsync(params string[] extra) =>
        StartAsync(["up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0", "--internal-secret", Secret, .. extra]);

    private async Task<FleetdeckProcess> StartAsync(string[] args)
    {
        var process = FleetdeckProcess.Start(_dir.Path, args);
        await process.WaitForOutputAsync("Fleetdeck is up");
        return process;
    }

    private HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(File.ReadAllText(Path.Combine(StateDir, "api-url")).Trim()) };
        client.DefaultRequestHeaders.Add("X-Fleetdeck-Internal-Secret", Secret);
        return client;
    }

    private static async Task<JsonNode> StatusAsync(HttpClient api, string id) => JsonNode.Parse(await api.GetStringAsync($"api/v1/orgs/{id}/status"))!;

    [Fact]
    public async Task A_kill_mid_provisioning_resumes_after_restart_with_the_same_claim_and_deadline()
    {
        string started;
        await using (var first = await UpAsync("--org-infrastructure", "claims"))
        {
            first.Output.ShouldContain("API secret");
            first.Output.ShouldNotContain(Secret);
            using var api = Api();
            using (var response = await api.PostAsJsonAsync("api/v1/orgs/cyberdyne/provision", ProvisioningHost.Body("cyberdyne.example.com", retention: "Delete"), ProvisioningHost.OrgsJson))
                response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var provisioning = await first.GetAsync(() => StatusAsync(api, "cyberdyne"), s => s["state"]!.GetValue<string>() == "provisioning"
                && s["message"]!.GetValue<string>().Contains("infrastructure engine", StringComparison.Ordinal), "report the org waiting for its infrastructure engine");
            started = provisioning["timestamps"]!["provisioningStartedAt"]!.GetValue<string>();
            using var kube = ClientStore.Open(Path.Combine(StateDir, "kubeconfig"));
            (await kube.Store.GetAsync<InfrastructureClaim>("org-cyberdyne", "cyberdyne")).ShouldNotBeNull();

            first.Signal("KILL");
            (await first.WaitForExitAsync()).ShouldBe(137);
        }

        await using var second = await UpAsync("--org-infrastructure", "claims");
        using (var api = Api())
        using (var kube = ClientStore.Open(Path.Combine(StateDir, "kubeconfig")))
        {
            var resumed = await StatusAsync(api, "cyberdyne");
            resumed["state"]!.GetValue<string>().ShouldBe("provisioning");
            resumed["timestamps"]!["provisioningStartedAt"]!.GetValue<string>().ShouldBe(started);

            // The engine finishes: a real database, its password in a Secret, and the claim's status.
            await pg.ExecAsync("DROP DATABASE IF EXISTS cyberdyne_db; DROP ROLE IF EXISTS cyberdyne_admin");
            await pg.ExecAsync("CREATE ROLE cyberdyne_admin LOGIN CREATEROLE CREATEDB PASSWORD 'engine-made-password'");
            await pg.ExecAsync("CREATE DATABASE cyberdyne_db OWNER cyberdyne_admin");
            await kube.Store.CreateAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "cyberdyne-db-password", NamespaceProperty = "org-cyberdyne" },
                Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("engine-made-password") },
            });
            await kube.Store.MutateAsync<InfrastructureClaim>("org-cyberdyne", "cyberdyne", claim =>
            {
                claim.Status.Endpoint = $"127.0.0.1:{pg.Port}";
                claim.Status.User = "cyberdyne_admin";
                claim.Status.Database = "cyberdyne_db";
                claim.Status.Bucket = "fleetdeck-cyberdyne";
                claim.Status.RoleArn = "arn:aws:iam::123456789012:role/fleetdeck-cyberdyne";
                claim.Status.PasswordSecretRef = new ClaimSecretReference { Name = "cyberdyne-db-password", Key = "password" };
                claim.Status.Set("Synced", true, "ReconcileSuccess", "", claim.Metadata.Generation, DateTimeOffset.UtcNow);
                claim.Status.Set(Conditions.Ready, true, "Available", "", claim.Metadata.Generation, DateTimeOffset.UtcNow);
                return true;
            }, status: true);

            var ready = await second.GetAsync(() => StatusAsync(api, "cyberdyne"), s => s["ready"]!.GetValue<bool>(), "report the org ready");
            ready["state"]!.GetValue<string>().ShouldBe("ready");
            ready["timestamps"]!["provisioningStartedAt"]!.GetValue<string>().ShouldBe(started);
            ready["endpoints"]!["storage"]!.GetValue<string>().ShouldBe("fleetdeck-cyberdyne");
            ready["infrastructure"]!.GetValue<string>().ShouldBe("claims");
            (await kube.Store.ListAsync<InfrastructureClaim>(ListOptions.InNamespace("org-cyberdyne"))).Count.ShouldBe(1);
            (await kube.Store.ListAsync<Org>()).Count.ShouldBe(1);

            // Deprovision (Delete): the claim goes with deletionPolicy Delete, and the org is deleted.
            (await api.PostAsync("api/v1/orgs/cyberdyne/deprovision", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            await second.GetAsync(() => StatusAsync(api, "cyberdyne"), s => s["state"]!.GetValue<string>() == "deleted", "report the org deleted");
            (await kube.Store.GetAsync<InfrastructureClaim>("org-cyberdyne", "cyberdyne")).ShouldBeNull();
        }
        second.Signal("INT");
        (await second.WaitForExitAsync()).ShouldBe(0);
        second.Error.ShouldNotContain(Secret);
        second.Output.ShouldNotContain("engine-made-password");
    }

    [Fact]
    public async Task Up_generates_a_secret_into_the_state_directory_and_says_where_never_what()
    {
        await using var up = await StartAsync(["up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0"]);
        var file = Path.Combine(StateDir, "internal-secret");
        File.Exists(file).ShouldBeTrue();
        var secret = File.ReadAllText(file).Trim();
        secret.Length.ShouldBe(64);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        up.Output.ShouldContain("internal-secret");
        up.Output.ShouldNotContain(secret);
        using var api = new HttpClient { BaseAddress = new Uri(File.ReadAllText(Path.Combine(StateDir, "api-url")).Trim()) };
        (await api.GetAsync("api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.DefaultRequestHeaders.Add("X-Fleetdeck-Internal-Secret", secret);
        (await api.GetAsync("api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        up.Signal("INT");
        await up.WaitForExitAsync();
        up.Output.ShouldNotContain(secret);
        up.Error.ShouldNotContain(secret);
    }

    public void Dispose() => _dir.Dispose();
}
