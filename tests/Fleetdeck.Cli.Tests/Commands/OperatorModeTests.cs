using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using Fleetdeck.Cli.Client;
using Fleetdeck.Cli.Tests.Team;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Cli.Tests.Commands;

/// <summary>
/// Operator mode as shipped: the real <c>fleetdeck operator</c> against the Kubernetes API of a real
/// <c>fleetdeck up --no-controllers</c> (a store that reconciles nothing itself, as a cluster's API server), given the
/// quickstart Site and an Org through the commands and the REST API a user has.
/// </summary>
public sealed partial class OperatorModeTests : IDisposable
{
    private const string Secret = "operator-mode-test-secret-0123456789";
    private readonly TempDirectory _dir = new("fleetdeck-operator-mode");

    private string StateDir => _dir.File("state");

    private string Kubeconfig => Path.Combine(StateDir, "kubeconfig");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_operator_reconciles_the_quickstart_site_and_an_org_against_an_up_facade()
    {
        await using var up = FleetdeckProcess.Start(_dir.Path, "up", "--no-controllers", "--state-dir", StateDir,
            "--kube-port", "0", "--api-port", "0", "--metrics-port", "0", "--internal-secret", Secret);
        await up.WaitForOutputAsync("Fleetdeck is up");
        up.Output.ShouldContain("Controllers     off (--no-controllers)");

        // It used to stop at once: "the operator stopped: org provisioning has not started".
        await using var op = FleetdeckProcess.Start(_dir.Path, "operator", "--kubeconfig", Kubeconfig, "--metrics-port", "0", "--metrics-address", "127.0.0.1");
        await op.WaitForOutputAsync("Fleetdeck operator running against");
        await op.WaitForOutputAsync("controllers ready");

        var apply = await CliRun.RunAsync("--kubeconfig", Kubeconfig, "apply", "-f", Path.Combine(RenderCommandTests.RepositoryRoot(), "examples", "quickstart"));
        apply.ExitCode.ShouldBe(0, apply.ToString());
        using var kube = ClientStore.Open(Kubeconfig);

        // No embedded database to fall back on in operator mode: the operator says so on the Site, as upstream does.
        var site = await op.GetAsync(() => kube.Store.GetAsync<Site>("posit-team", "main"),
            s => s?.Status.ObservedGeneration == 1 && s.Status.Find(Conditions.Ready)?.Reason == "MainDatabaseMissing", "reconcile the quickstart Site");
        site!.Status.Find(Conditions.Ready)!.Message.ShouldContain("main-database-url");

        // Given a workload secret naming a PostgreSQL server (up's managed one, as a cluster's Site names its own), it goes on:
        // products, workloads, and databases made on that server by the operator's database provisioner.
        var password = File.ReadAllText(Path.Combine(StateDir, "postgres-password")).Trim();
        var port = File.ReadAllText(Path.Combine(StateDir, "postgres-port")).Trim();
        await kube.Store.CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "main-workload", NamespaceProperty = "posit-team" },
            Data = new Dictionary<string, byte[]> { ["main-database-url"] = Encoding.UTF8.GetBytes($"postgres://postgres:{password}@127.0.0.1:{port}/postgres") },
        });
        await kube.Store.MutateAsync<Site>("posit-team", "main", s =>
        {
            s.Spec.WorkloadSecret = new SecretConfig { Type = "kubernetes", VaultName = "main-workload" };
            return true;
        });
        await op.UntilAsync(async () =>
        {
            var databases = await kube.Store.ListAsync<PostgresDatabase>(ListOptions.InNamespace("posit-team"));
            return databases.Count > 0 && databases.All(d => d.IsReady());
        }, "provision the Site's databases on the PostgreSQL server");
        var connect = await kube.Store.GetAsync<Fleetdeck.TeamOperator.Api.Connect>("posit-team", "main");
        connect.ShouldNotBeNull("the Site's product objects are made");
        OwnerReferences.GetController(connect)!.Name.ShouldBe("main");
        (await kube.Store.GetAsync<V1Deployment>("posit-team", "main-connect")).ShouldNotBeNull("and the product's workload");

        // An org through up's REST API: the Org lands in the store, and the operator (claims infrastructure) reconciles it.
        using var api = new HttpClient { BaseAddress = new Uri(File.ReadAllText(Path.Combine(StateDir, "api-url")).Trim()) };
        api.DefaultRequestHeaders.Add("X-Fleetdeck-Internal-Secret", Secret);
        using (var body = new StringContent("""{"domain":"acme.example.com","products":["connect"],"database":{"sizeGi":10},"storage":{"sizeGi":50}}""", Encoding.UTF8, "application/json"))
        using (var response = await api.PostAsync("api/v1/orgs/acme/provision", body))
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var org = await op.GetAsync(() => kube.Store.GetAsync<Org>("org-acme", "acme"),
            o => o?.Status.Message?.Contains("infrastructure engine", StringComparison.Ordinal) == true, "reconcile the Org");
        (await kube.Store.GetAsync<InfrastructureClaim>("org-acme", "acme")).ShouldNotBeNull("the operator asks the infrastructure engine for the org's infrastructure");

        // The façade reconciled none of it: every reconcile was the operator's.
        using var http = new HttpClient();
        (await http.GetStringAsync(MetricsAddress(op.Output) + "metrics")).ShouldContain("fleetdeck_controller_reconcile_total{controller=\"sites\"");
        (await http.GetStringAsync(MetricsAddress(up.Output) + "metrics")).ShouldNotContain("fleetdeck_controller_reconcile_total{");

        op.Signal("TERM");
        (await op.WaitForExitAsync()).ShouldBe(0, op.ToString());
        op.Output.ShouldContain("Stopping...");
        up.Signal("INT");
        (await up.WaitForExitAsync()).ShouldBe(0, up.ToString());
        org.ShouldNotBeNull();
    }

    private static Uri MetricsAddress(string output) => new(MetricsPattern().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no metrics address in\n" + output));

    [GeneratedRegex(@"(?:Metrics +|metrics and health on )(http://[0-9.]+:\d+/)")]
    private static partial Regex MetricsPattern();
}
