using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Simulation;

namespace Fleetdeck.TeamOperator.Tests.Controllers;

/// <summary>A Site end to end: Ready that tracks the present, the steady state, disabling, deleting.</summary>
public sealed class SiteLifecycleTests
{
    public const string Fallback = "postgres://admin:secret@db.internal:5432/postgres?sslmode=require";

    private static readonly string[] ProductConditions = ["ConnectReady", "WorkbenchReady", "PackageManagerReady", "ChronicleReady", "FlightdeckReady"];

    internal static async Task<Site> ReadyAsync(TeamControlPlane plane, Site site)
    {
        await plane.Store.CreateAsync(site);
        using var provisioner = plane.ProvisionDatabasesContinuously();
        var ready = await plane.WaitAsync<Site>(site.Metadata.Name, s => TeamControlPlane.ReadyIs(s, true), "the Site becomes Ready");
        await provisioner.CancelAsync();
        return ready;
    }

    [Fact]
    public async Task A_minimal_site_becomes_ready_with_every_product_when_its_databases_are_ready()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await plane.Store.CreateAsync(TeamControlPlane.Site("alpha"));

        // No database provisioner runs here: the Site waits for it, and says so.
        var waiting = await plane.WaitAsync<Site>("alpha", s => s.Status.Find("ConnectReady")?.Reason == "DatabaseNotReady", "Connect waits for its database");
        TeamControlPlane.ReadyIs(waiting, false).ShouldBeTrue();
        waiting.Status.Find("ConnectReady")!.Message.ShouldBe("Connect alpha: PostgresDatabase alpha-connect: not provisioned yet");

        using var provisioner = plane.ProvisionDatabasesContinuously();
        var site = await plane.WaitAsync<Site>("alpha", s => TeamControlPlane.ReadyIs(s, true), "the Site becomes Ready");
        await provisioner.CancelAsync();

        site.Status.ObservedGeneration.ShouldBe(site.Metadata.Generation);
        site.Status.Find(Conditions.Ready)!.Message.ShouldBe("5 products ready");
        foreach (var condition in ProductConditions) site.Status.IsTrue(condition).ShouldBeTrue(condition);
        var connect = (await plane.GetAsync<Api.Connect>("alpha"))!;
        connect.Status.Ready.ShouldBe(true);
        connect.Status.KeySecretRef!.Name.ShouldBe("alpha-connect-key");
        connect.Spec.DatabaseConfig!.Host.ShouldBe("db.internal");
        connect.Spec.DatabaseConfig.SslMode.ShouldBe("require");
        var deployment = (await plane.GetAsync<V1Deployment>("alpha-connect"))!;
        deployment.Status.Conditions.ShouldContain(c => c.Type == "Available" && c.Message.Contains("simulated"));
        (await plane.GetAsync<V1StatefulSet>("alpha-chronicle"))!.Status.ReadyReplicas.ShouldBe(1);
    }

    [Fact]
    public async Task Ready_tracks_the_present_a_failing_workload_makes_the_product_and_site_not_ready_and_recovery_makes_them_ready_again()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await ReadyAsync(plane, TeamControlPlane.Site("beta"));

        await plane.Store.MutateAsync<V1Deployment>(TeamControlPlane.Namespace, "beta-workbench", d =>
        {
            d.Metadata.Annotations ??= new Dictionary<string, string>();
            d.Metadata.Annotations[SimulatorOptions.FailAnnotation] = "image pull back-off";
            return true;
        });

        var failing = await plane.WaitAsync<Site>("beta", s => TeamControlPlane.ReadyIs(s, false), "upstream never resets ready; Fleetdeck does");
        failing.Status.Find(Conditions.Ready)!.Reason.ShouldBe("WorkbenchNotReady");
        failing.Status.Find(Conditions.Ready)!.Message.ShouldContain("simulated failure: image pull back-off");
        (await plane.GetAsync<Api.Workbench>("beta"))!.Status.Ready.ShouldBe(false);
        failing.Status.IsTrue("ConnectReady").ShouldBeTrue("the other products are unaffected");

        await plane.Store.MutateAsync<V1Deployment>(TeamControlPlane.Namespace, "beta-workbench", d => d.Metadata.Annotations!.Remove(SimulatorOptions.FailAnnotation));
        await plane.WaitAsync<Site>("beta", s => TeamControlPlane.ReadyIs(s, true), "recovers when the workload does");
    }

    [Fact]
    public async Task The_steady_state_writes_nothing_across_resyncs()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await ReadyAsync(plane, TeamControlPlane.Site("gamma", configure: s => s.NetworkTrust = 0));
        await plane.IdleAsync();
        var before = plane.Sqlite.CommittedWrites;

        for (var i = 0; i < 3; i++)
        {
            plane.Manager.ResyncNow();
            await plane.IdleAsync();
        }

        (plane.Sqlite.CommittedWrites - before).ShouldBe(0, "every object is compared with what is there and found equal");
        plane.Keys.Made.ShouldBe(8, "keys and passwords are generated once: 4 vault passwords, 3 product keys, and Workbench's test password");
    }

    [Fact]
    public async Task A_disabled_product_is_removed_with_what_it_made_and_the_site_stays_ready()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await ReadyAsync(plane, TeamControlPlane.Site("delta"));

        await plane.Store.MutateAsync<Site>(TeamControlPlane.Namespace, "delta", s =>
        {
            s.Spec.Connect = new SiteConnectSpec { Enabled = false };
            return true;
        });

        await Eventually.HoldsAsync(async () => await plane.GetAsync<Api.Connect>("delta") is null, because: "the Connect object goes");
        await Eventually.HoldsAsync(async () => await plane.GetAsync<V1Deployment>("delta-connect") is null, because: "and what it owned");
        var site = await plane.WaitAsync<Site>("delta", s => TeamControlPlane.ReadyIs(s, true) && s.Status.Find("ConnectReady") is null, "the Site is Ready without Connect");
        site.Status.Find(Conditions.Ready)!.Message.ShouldBe("4 products ready");
        var rsession = (await plane.GetAsync<V1ConfigMap>("delta-workbench-session"))!;
        rsession.Data["rsession.conf"].ShouldNotContain("default-rsconnect-server", Case.Sensitive, "Workbench no longer points at a Connect that is gone");
    }

    [Fact]
    public async Task Deleting_the_site_removes_everything_it_owns_chronicle_included()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await ReadyAsync(plane, TeamControlPlane.Site("epsilon", configure: s => s.NetworkTrust = 10));
        var owned = await LabelledAsync(plane, "epsilon");
        owned.Count.ShouldBeGreaterThan(50);
        owned.ShouldContain(o => o.Kind == "Chronicle");

        await plane.Store.DeleteAsync<Site>(TeamControlPlane.Namespace, "epsilon");

        await Eventually.GetAsync(async () => string.Join(", ", (await LabelledAsync(plane, "epsilon")).Select(o => $"{o.Kind}/{o.Metadata.Name}")), left => left.Length == 0, TimeSpan.FromSeconds(30),
            because: "upstream leaves Chronicle behind; Fleetdeck removes everything");
    }

    [Fact]
    public async Task Everything_a_site_makes_has_a_controller_owner_reference()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(Fallback));
        await ReadyAsync(plane, TeamControlPlane.Site("zeta", configure: s =>
        {
            s.NetworkTrust = 50;
            s.SharedDirectory = "shared";
            s.Keycloak = new SiteKeycloakSpec { Enabled = true };
            s.ExtraSiteServiceAccounts = [new ServiceAccountConfig { NameSuffix = "etl" }];
        }));

        var owned = await LabelledAsync(plane, "zeta");
        owned.Count.ShouldBeGreaterThan(60);
        foreach (var obj in owned)
        {
            var owner = OwnerReferences.GetController(obj);
            owner.ShouldNotBeNull($"{obj.Kind} {obj.Metadata.Name} has a controller owner reference (upstream writes plain ones on PVCs, databases, keys and SPCs)");
            owner.Controller.ShouldBe(true);
            owner.BlockOwnerDeletion.ShouldBe(true);
        }
    }

    /// <summary>Every object (any kind) labelled as belonging to the Site.</summary>
    internal static async Task<List<IKubernetesObject<V1ObjectMeta>>> LabelledAsync(TeamControlPlane plane, string site)
    {
        var result = new List<IKubernetesObject<V1ObjectMeta>>();
        var selector = LabelSelector.Parse($"posit.team/site={site}");
        foreach (var kind in plane.Kinds.All)
            result.AddRange((await plane.Store.ListAsync(kind, new ListOptions { LabelSelector = selector })).Items);
        return result;
    }
}
