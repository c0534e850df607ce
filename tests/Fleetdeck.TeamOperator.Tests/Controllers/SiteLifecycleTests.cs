using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Tests.Controllers;

public sealed class SiteLifecycleTests
{
    private const string Fallback = "postgres://admin:secret@db.internal:5432/postgres?sslmode=require";

    [Fact]
    public async Task A_minimal_site_becomes_ready_with_every_product_when_its_databases_are_ready()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await plane.Store.CreateAsync(TeamControlPlane.Site("alpha"));

        // Databases are not provisioned here: the Site waits, saying so.
        var waiting = await plane.WaitAsync<Site>("alpha", s => s.Status.Find("ConnectReady")?.Reason == "DatabaseNotReady", "Connect waits for its database");
        TeamControlPlane.ReadyIs(waiting, false).ShouldBeTrue();
        waiting.Status.Find("ConnectReady")!.Message.ShouldBe("Connect alpha: PostgresDatabase alpha-connect: not provisioned yet");

        using var provisioner = plane.ProvisionDatabasesContinuously();
        var site = await plane.WaitAsync<Site>("alpha", s => TeamControlPlane.ReadyIs(s, true), "the Site becomes Ready");
        await provisioner.CancelAsync();

        site.Status.ObservedGeneration.ShouldBe(site.Metadata.Generation);
        foreach (var condition in new[] { "ConnectReady", "WorkbenchReady", "PackageManagerReady", "ChronicleReady", "FlightdeckReady" })
            site.Status.IsTrue(condition).ShouldBeTrue(condition);
        var connect = (await plane.GetAsync<Api.Connect>("alpha"))!;
        connect.Status.Ready.ShouldBe(true);
        connect.Status.KeySecretRef!.Name.ShouldBe("alpha-connect-key");
        connect.Spec.DatabaseConfig!.Host.ShouldBe("db.internal");
        connect.Spec.DatabaseConfig.SslMode.ShouldBe("require");
        var deployment = (await plane.GetAsync<V1Deployment>("alpha-connect"))!;
        deployment.Status.Conditions.ShouldContain(c => c.Type == "Available" && c.Message.Contains("simulated"));
    }
}
