using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Cli.Client;
using Fleetdeck.Cli.Tests.Team;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Cli.Tests.Commands;

/// <summary>
/// The managed PostgreSQL of a real <c>fleetdeck up</c>, killed with kill -9: while it is down <c>/readyz</c> fails naming
/// it, and the PostgresDatabases and the Org on it say so in their conditions; <c>up</c> starts it again and all recover.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ManagedPostgresOutageTests : IDisposable
{
    private const string Secret = "outage-test-secret-0123456789abcdef";
    private readonly TempDirectory _dir = new("fleetdeck-pg-outage");

    private string StateDir => _dir.File("state");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_killed_managed_postgres_is_reported_while_down_and_restarted()
    {
        await using var up = FleetdeckProcess.Start(_dir.Path, "up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0",
            // As docs/rollouts.md writes it (it used to end in an unhandled exception for every URL).
            "--internal-secret", Secret, "--simulated-startup", "100ms", "--prometheus-url", "http://prometheus:9090");
        await up.WaitForOutputAsync("Fleetdeck is up");
        var apply = await CliRun.RunAsync("--kubeconfig", Path.Combine(StateDir, "kubeconfig"), "apply", "-f", Path.Combine(RenderCommandTests.RepositoryRoot(), "examples", "quickstart"));
        apply.ExitCode.ShouldBe(0, apply.ToString());
        using var kube = ClientStore.Open(Path.Combine(StateDir, "kubeconfig"));
        using var api = new HttpClient { BaseAddress = new Uri(File.ReadAllText(Path.Combine(StateDir, "api-url")).Trim()) };
        api.DefaultRequestHeaders.Add("X-Fleetdeck-Internal-Secret", Secret);
        using (var body = new StringContent("""{"domain":"acme.example.com","products":["connect"],"database":{"sizeGi":10},"storage":{"sizeGi":50}}""", Encoding.UTF8, "application/json"))
            (await api.PostAsync("api/v1/orgs/acme/provision", body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var health = new HttpClient { BaseAddress = new Uri(MetricsBase(up.Output)) };

        await up.UntilAsync(async () => await DatabasesReadyAsync(kube) && (await OrgAsync(api))["ready"]!.GetValue<bool>(), "make the Site's databases and the org ready");
        (await health.GetAsync("readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // kill -9 the server; its data directory is closed meanwhile, so that every restart fails until the test has seen
        // the outage reported (as a server that cannot start, say on a full disk, keeps failing).
        var data = Path.Combine(StateDir, "postgres");
        var postmaster = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var mode = File.GetUnixFileMode(data);
        File.SetUnixFileMode(data, UnixFileMode.None);
        try
        {
            using (var kill = System.Diagnostics.Process.Start("kill", ["-9", postmaster.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();

            var readyz = await up.GetAsync(() => health.GetAsync("readyz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "fail /readyz");
            (await readyz.Content.ReadAsStringAsync()).ShouldContain("PostgreSQL: the managed PostgreSQL server");
            await up.UntilAsync(async () => (await kube.Store.ListAsync<PostgresDatabase>(ListOptions.InNamespace("posit-team")))
                .Any(d => d.Status.Find(Conditions.Ready) is { Status: Conditions.False } c && c.Message?.Contains("embedded PostgreSQL server is down", StringComparison.Ordinal) == true),
                "report the outage on the PostgresDatabases");
            await up.UntilAsync(async () => (await OrgAsync(api))["conditions"]!.AsArray()
                .Any(c => c!["type"]!.GetValue<string>() == "InfrastructureReady" && c["message"]?.GetValue<string>().Contains("Database server is down", StringComparison.Ordinal) == true),
                "report the outage on the Org");
        }
        finally
        {
            File.SetUnixFileMode(data, mode);
        }

        await up.UntilAsync(async () => (await health.GetAsync("readyz")).IsSuccessStatusCode, "be ready again once PostgreSQL is back");
        await up.UntilAsync(async () => await DatabasesReadyAsync(kube) && (await OrgAsync(api))["ready"]!.GetValue<bool>(), "report the databases and the org ready again");
        up.Output.ShouldContain("The managed PostgreSQL server is back on");

        up.Signal("INT");
        (await up.WaitForExitAsync()).ShouldBe(0, up.ToString());
    }

    private static async Task<bool> DatabasesReadyAsync(ClientStore kube)
    {
        var databases = await kube.Store.ListAsync<PostgresDatabase>(ListOptions.InNamespace("posit-team"));
        return databases.Count > 0 && databases.All(d => d.IsReady());
    }

    private static async Task<JsonNode> OrgAsync(HttpClient api) => JsonNode.Parse(await api.GetStringAsync("api/v1/orgs/acme/status"))!;

    private static string MetricsBase(string output) =>
        output.Split('\n').Single(l => l.TrimStart().StartsWith("Metrics ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].Replace("metrics", "", StringComparison.Ordinal);
}
