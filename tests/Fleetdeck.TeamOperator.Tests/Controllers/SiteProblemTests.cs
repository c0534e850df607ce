using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Tests.Controllers;

/// <summary>What a platform engineer sees when something is wrong: the object, the field, the secret's name; and recovery.</summary>
public sealed class SiteProblemTests
{
    private static V1Secret Secret(string name, Dictionary<string, string> data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TeamControlPlane.Namespace },
        Data = data.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)),
    };

    [Fact]
    public async Task A_missing_workload_secret_is_named_on_the_site_and_it_recovers_when_the_secret_appears()
    {
        // Operator mode: no managed database to fall back on.
        await using var plane = await TeamControlPlane.StartAsync(fallback: null);
        await plane.Store.CreateAsync(TeamControlPlane.Site("alpha", configure: s => s.WorkloadSecret = new SecretConfig { Type = "kubernetes", VaultName = "workload" }));

        var missing = await plane.WaitAsync<Site>("alpha", s => TeamControlPlane.ReadyIs(s, false), "the Site reports the missing secret");
        missing.Status.Find(Conditions.Ready)!.Reason.ShouldBe("SecretNotFound");
        missing.Status.Find(Conditions.Ready)!.Message.ShouldBe("Secret posit-team/workload (spec.workloadSecret.vaultName) not found");
        (await plane.GetAsync<Api.Connect>("alpha")).ShouldBeNull("nothing is rendered without a database");

        await plane.Store.CreateAsync(Secret("workload", new() { ["other"] = "x" }));
        var noKey = await plane.WaitAsync<Site>("alpha", s => s.Status.Find(Conditions.Ready)?.Reason == "MainDatabaseUrlMissing", "a Secret without the key is named too");
        noKey.Status.Find(Conditions.Ready)!.Message.ShouldBe("Secret posit-team/workload (spec.workloadSecret.vaultName) has no key main-database-url");

        await plane.Store.MutateAsync<V1Secret>(TeamControlPlane.Namespace, "workload", s =>
        {
            s.Data["main-database-url"] = Encoding.UTF8.GetBytes("postgres://admin:hunter2@pg.example.net:6432/postgres?sslmode=verify-full");
            return true;
        });
        using var provisioner = plane.ProvisionDatabasesContinuously();
        var ready = await plane.WaitAsync<Site>("alpha", s => TeamControlPlane.ReadyIs(s, true), "recovers when the secret appears");
        ready.Status.Find(Conditions.Ready)!.Message.ShouldNotContain("hunter2");
        var connect = (await plane.GetAsync<Api.Connect>("alpha"))!;
        connect.Spec.DatabaseConfig!.Host.ShouldBe("pg.example.net:6432");
        connect.Spec.DatabaseConfig.SslMode.ShouldBe("verify-full");
        (await plane.GetAsync<PostgresDatabase>("alpha-connect"))!.Spec.Url.ShouldBe("postgres://alpha_connect@pg.example.net:6432/alpha_connect");
    }

    [Fact]
    public async Task A_site_without_a_workload_secret_in_operator_mode_says_what_is_missing_as_upstream_does()
    {
        await using var plane = await TeamControlPlane.StartAsync(fallback: null);
        await plane.Store.CreateAsync(TeamControlPlane.Site("beta"));

        var site = await plane.WaitAsync<Site>("beta", s => TeamControlPlane.ReadyIs(s, false), "no database, no products");
        site.Status.Find(Conditions.Ready)!.Reason.ShouldBe("MainDatabaseMissing");
        site.Status.Find(Conditions.Ready)!.Message.ShouldStartWith("missing database connection definition: spec.workloadSecret.type is empty");
    }

    [Fact]
    public async Task In_embedded_mode_a_site_without_a_workload_secret_uses_the_managed_database_once_it_is_up()
    {
        var fallback = new StaticFallback(null);
        await using var plane = await TeamControlPlane.StartAsync(fallback);
        await plane.Store.CreateAsync(TeamControlPlane.Site("gamma"));
        var waiting = await plane.WaitAsync<Site>("gamma", s => s.Status.Find(Conditions.Ready)?.Reason == "WaitingForDatabase", "waits for the managed server");
        waiting.Status.Find(Conditions.Ready)!.Message.ShouldBe("waiting for the managed PostgreSQL to start");

        fallback.AdminUrl = "postgres://fleetdeck:pw@127.0.0.1:54321/postgres";

        var connect = await Eventually.GetAsync(() => plane.GetAsync<Api.Connect>("gamma"), c => c is not null, TimeSpan.FromSeconds(20), "products appear once the server is up");
        connect!.Spec.DatabaseConfig!.Host.ShouldBe("127.0.0.1:54321");
    }

    [Fact]
    public async Task A_missing_vault_is_named_on_the_site_and_its_products_and_they_recover_when_it_appears()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(SiteLifecycleTests.Fallback));
        await plane.Store.CreateAsync(TeamControlPlane.Site("delta", configure: s => s.Secret = new SecretConfig { Type = "kubernetes", VaultName = "delta-secrets" }));
        using var provisioner = plane.ProvisionDatabasesContinuously();

        var site = await plane.WaitAsync<Site>("delta", s => s.Status.Find(Conditions.Ready)?.Reason == "SecretNotFound", "the Site names its vault");
        site.Status.Find(Conditions.Ready)!.Message.ShouldBe("Secret posit-team/delta-secrets (spec.secret.vaultName) not found");
        var connect = await plane.WaitAsync<Api.Connect>("delta", c => c.Status.Find(Conditions.Ready)?.Reason == "SecretNotFound", "so does each product");
        connect.Status.Find(Conditions.Ready)!.Message.ShouldBe("Secret posit-team/delta-secrets (spec.secret.vaultName) not found");

        await plane.Store.CreateAsync(Secret("delta-secrets", new() { ["pub-db-password"] = "a", ["dev-db-password"] = "b", ["pkg-db-password"] = "c" }));
        await plane.WaitAsync<Site>("delta", s => TeamControlPlane.ReadyIs(s, true), "recovers when the vault appears");
    }

    [Fact]
    public async Task An_object_without_our_label_is_never_changed_or_deleted_and_the_conflict_is_reported()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(SiteLifecycleTests.Fallback));
        var theirs = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "eta-connect", NamespaceProperty = TeamControlPlane.Namespace, Labels = new Dictionary<string, string> { ["owner"] = "someone-else" } },
            Data = new Dictionary<string, string> { ["rstudio-connect.gcfg"] = "hand-written" },
        };
        var created = await plane.Store.CreateAsync(theirs);
        await plane.Store.CreateAsync(TeamControlPlane.Site("eta"));
        using var provisioner = plane.ProvisionDatabasesContinuously();

        var connect = await plane.WaitAsync<Api.Connect>("eta", c => c.Status.Find(Conditions.Ready)?.Reason == "UnmanagedObject", "the conflict is reported");
        connect.Status.Find(Conditions.Ready)!.Message.ShouldContain("ConfigMap posit-team/eta-connect exists and is not managed by fleetdeck");
        var site = await plane.WaitAsync<Site>("eta", s => s.Status.Find("ConnectReady")?.Reason == "UnmanagedObject", "and reaches the Site");
        TeamControlPlane.ReadyIs(site, false).ShouldBeTrue();

        await plane.Store.DeleteAsync<Site>(TeamControlPlane.Namespace, "eta");
        await Eventually.HoldsAsync(async () => await plane.GetAsync<Api.Connect>("eta") is null, because: "the Site and its products go");
        await plane.IdleAsync();
        var after = (await plane.GetAsync<V1ConfigMap>("eta-connect"))!;
        after.Metadata.ResourceVersion.ShouldBe(created.Metadata.ResourceVersion, "never written");
        after.Data["rstudio-connect.gcfg"].ShouldBe("hand-written");
    }

    [Fact]
    public async Task A_field_removed_from_the_site_is_removed_from_its_products()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(SiteLifecycleTests.Fallback));
        await SiteLifecycleTests.ReadyAsync(plane, TeamControlPlane.Site("theta", configure: s =>
        {
            s.IngressAnnotations = new Dictionary<string, string> { ["example.com/a"] = "1", ["example.com/b"] = "2" };
            s.Connect = new SiteConnectSpec { NodeSelector = new Dictionary<string, string> { ["pool"] = "connect" } };
        }));

        await plane.Store.MutateAsync<Site>(TeamControlPlane.Namespace, "theta", s =>
        {
            s.Spec.IngressAnnotations!.Remove("example.com/b");
            s.Spec.Connect!.NodeSelector = null;
            return true;
        });

        var connect = await plane.WaitAsync<Api.Connect>("theta", c => c.Spec.IngressAnnotations?.Count == 1, "the annotation is removed from the product");
        connect.Spec.NodeSelector.ShouldBeNull();
    }

    [Fact]
    public async Task A_generated_key_is_kept_across_reconciles_and_restored_if_tampered_with()
    {
        await using var plane = await TeamControlPlane.StartAsync(new StaticFallback(SiteLifecycleTests.Fallback));
        await SiteLifecycleTests.ReadyAsync(plane, TeamControlPlane.Site("iota"));
        var key = (await plane.GetAsync<V1Secret>("iota-connect-key"))!.Data["key"];
        var made = plane.Keys.Made;

        await plane.Store.MutateAsync<Site>(TeamControlPlane.Namespace, "iota", s =>
        {
            s.Spec.Debug = true;
            return true;
        });
        await plane.WaitAsync<Site>("iota", s => s.Status.ObservedGeneration == 2 && s.Status.Find(Conditions.Ready) is not null, "the change is reconciled");
        await plane.IdleAsync();

        (await plane.GetAsync<V1Secret>("iota-connect-key"))!.Data["key"].ShouldBe(key);
        plane.Keys.Made.ShouldBe(made, "nothing is generated twice");
    }
}
