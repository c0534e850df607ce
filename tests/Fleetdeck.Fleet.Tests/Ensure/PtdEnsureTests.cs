using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.Testing.Postgres;

namespace Fleetdeck.Fleet.Tests.Ensure;

/// <summary>
/// A PTD targets directory, as is: the plan shows one infrastructure claim per workload with PTD's database, storage and
/// network sizes; once an infrastructure engine fulfils the claim (here a test engine pointing it at a real PostgreSQL),
/// the databases and the Site become Ready.
/// </summary>
public sealed class PtdEnsureTests(FleetControlPlane plane) : IClassFixture<FleetControlPlane>, IDisposable
{
    private readonly TargetsDir _targets = TargetsDir.CopyOf("targets-ptd");
    private readonly TempDirectory _state = new("fleet-ptd");

    public void Dispose()
    {
        _targets.Dispose();
        _state.Dispose();
    }

    private Task<FleetRun> Ensure(params string[] args) =>
        FleetRun.RunAsync(["--kubeconfig", plane.Host.State.Kubeconfig, "ensure", "--targets-config-dir", _targets.Path, "--state-dir", _state.Path, "--ready-timeout", "120s", .. args]);

    [Fact]
    public async Task A_ptd_workload_plans_its_claim_and_becomes_Ready_once_the_engine_fulfils_it()
    {
        (await Ensure("main01-staging", "--auto-approve")).ExitCode.ShouldBe(0);

        var plan = await Ensure("workload01", "--dry-run");
        plan.ExitCode.ShouldBe(2, plan.ToString());
        plan.Output.ShouldContain("+ create InfrastructureClaim org-workload01/workload01");
        foreach (var line in new[] { "+     engine: postgres", "+     sizeGi: 50", "+     name: fleetdeck-workload01", "+     sizeGi: 300", "+     cidr: 10.40.0.0/16", "+     zoneCount: 3", "+   deletionPolicy: Orphan" })
            plan.Output.ShouldContain(line);
        plan.Output.ShouldContain("+ create PostgresDatabase org-workload01/workload01-db-reporting");
        plan.Output.ShouldContain("infrastructure claim org-workload01/workload01 does not exist yet");
        plan.Output.ShouldContain("+ create Site org-workload01/main");

        using var engine = new CancellationTokenSource();
        var fulfil = FulfilClaimAsync(plane.Host.Store, engine.Token);
        var run = await Ensure("workload01", "--auto-approve");
        await engine.CancelAsync();
        await fulfil;
        run.ExitCode.ShouldBe(0, run.ToString());

        var store = plane.Host.Store;
        (await store.GetAsync<Site>("org-workload01", "main"))!.Status.Find(Conditions.Ready)?.Status.ShouldBe(Conditions.True);
        (await store.GetAsync<PostgresDatabase>("org-workload01", "workload01-db-reporting"))!.Status.Find(Conditions.Ready)?.Status.ShouldBe(Conditions.True);
        (await plane.DatabaseExistsAsync("workload01_reporting")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(_state.Path, "workload01", "outputs.json")).ShouldContain("\"bucket\": \"fleetdeck-workload01\"");
        (await Ensure("workload01", "--dry-run")).ExitCode.ShouldBe(0);
    }

    /// <summary>What an infrastructure engine does for a claim: a database role on a server, a password secret, and the status.</summary>
    private async Task FulfilClaimAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var claim = await store.GetAsync<InfrastructureClaim>("org-workload01", "workload01", cancellationToken);
                if (claim is not null)
                {
                    var admin = new Uri(await plane.CreateAdminAsync(canCreate: true));
                    var user = admin.UserInfo.Split(':')[0];
                    await store.CreateAsync(new V1Secret
                    {
                        ApiVersion = "v1",
                        Kind = "Secret",
                        Metadata = new V1ObjectMeta { Name = "workload01-engine-password", NamespaceProperty = "org-workload01" },
                        Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes(admin.UserInfo.Split(':')[1]) },
                    }, cancellationToken);
                    claim.Status.Endpoint = $"127.0.0.1:{admin.Port}";
                    claim.Status.User = user;
                    claim.Status.Database = "postgres";
                    claim.Status.Bucket = claim.Spec.Bucket!.Name;
                    claim.Status.PasswordSecretRef = new ClaimSecretReference { Name = "workload01-engine-password", Key = "password" };
                    claim.Status.Set(Conditions.Ready, true, "Available", "", null, DateTimeOffset.UtcNow);
                    await store.UpdateStatusAsync(claim, cancellationToken);
                    return;
                }
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
