using System.Net;
using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Controllers;
using Fleetdeck.Provisioning.Lifecycle;
using Fleetdeck.Provisioning.Tests.Support;

namespace Fleetdeck.Provisioning.Tests.Infrastructure;

/// <summary>
/// The Org controller over the claims adapter, with short clocks: the claim's status is driven by hand, as an
/// infrastructure engine would. Deadline, grace period, recovery, safe messages, Retain as Orphan.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClaimsControllerTests(PostgresCluster pg) : IAsyncLifetime
{
    private ProvisioningHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ProvisioningHost.StartAsync(null, sites: SiteParts.None, configure: s => s with
        {
            Infrastructure = "claims",
            Controller = s.Controller with { Lifecycle = new LifecycleOptions { Deadline = TimeSpan.FromSeconds(6), SyncGracePeriod = TimeSpan.FromSeconds(2) } },
        });
        await pg.ExecAsync("DROP DATABASE IF EXISTS engine_db; DROP ROLE IF EXISTS engine_user");
        await pg.ExecAsync("CREATE ROLE engine_user LOGIN CREATEROLE CREATEDB PASSWORD 'engine-password'");
        await pg.ExecAsync("CREATE DATABASE engine_db OWNER engine_user");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IObjectStore Store => _host.Store;

    private Task<InfrastructureClaim> ClaimAsync(string id) =>
        Eventually.GetAsync(async () => (await Store.GetAsync<InfrastructureClaim>($"org-{id}", id))!, c => c is not null, TimeSpan.FromSeconds(10));

    private Task SetClaimAsync(string id, bool? ready, bool? synced, string message = "", bool complete = true) =>
        Store.MutateAsync<InfrastructureClaim>($"org-{id}", id, claim =>
        {
            var now = DateTimeOffset.UtcNow;
            if (synced is { } s) claim.Status.Set("Synced", s, s ? "ReconcileSuccess" : "ReconcileError", s ? "" : message, claim.Metadata.Generation, now);
            if (ready is { } r) claim.Status.Set(Conditions.Ready, r, r ? "Available" : "Creating", r ? "" : message, claim.Metadata.Generation, now);
            if (complete)
            {
                claim.Status.Endpoint = $"127.0.0.1:{pg.Port}";
                claim.Status.User = "engine_user";
                claim.Status.Database = "engine_db";
                claim.Status.Bucket = $"fleetdeck-{id}";
                claim.Status.PasswordSecretRef = new ClaimSecretReference { Name = "engine-password", Key = "password" };
            }
            return true;
        }, status: true);

    private async Task PasswordSecretAsync(string id, string password = "engine-password") =>
        await Store.CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "engine-password", NamespaceProperty = $"org-{id}" },
            Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes(password) },
        });

    [Fact]
    public async Task The_claim_carries_the_request_and_ready_needs_every_field_and_a_real_probe()
    {
        (await _host.ProvisionAsync("alpha", ProvisioningHost.Body(database: 20, storage: 200))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var claim = await ClaimAsync("alpha");
        claim.Spec.Database!.SizeGi.ShouldBe(20);
        claim.Spec.Bucket!.SizeGi.ShouldBe(200);
        claim.Spec.Bucket.Name.ShouldBe("fleetdeck-alpha");
        claim.Spec.DeletionPolicy.ShouldBe("Orphan");
        OwnerReferences.GetController(claim)!.Kind.ShouldBe("Org");

        // Ready=True without a password secret is not ready.
        await SetClaimAsync("alpha", ready: true, synced: true);
        var waiting = await _host.WaitForStateAsync("alpha", "provisioning");
        await Eventually.HoldsAsync(async () => (await _host.StatusAsync("alpha"))!["message"]!.GetValue<string>().Contains("passwordSecretRef", StringComparison.Ordinal));

        // A wrong password: the probe fails with a category, never the raw error.
        await PasswordSecretAsync("alpha", "wrong-password");
        await Eventually.HoldsAsync(async () => (await _host.StatusAsync("alpha"))!["message"]!.GetValue<string>().Contains("authentication failed", StringComparison.Ordinal));
        (await _host.StatusAsync("alpha"))!.ToJsonString().ShouldNotContain("wrong-password");

        await Store.MutateAsync<V1Secret>("org-alpha", "engine-password", s =>
        {
            s.Data["password"] = Encoding.UTF8.GetBytes("engine-password");
            return true;
        });
        var ready = await _host.WaitForStateAsync("alpha", "ready", ready: true);
        ready["endpoints"]!["storage"]!.GetValue<string>().ShouldBe("fleetdeck-alpha");
        ready["endpoints"]!["databaseRole"]!.GetValue<string>().ShouldBe("engine_user");
    }

    [Fact]
    public async Task Not_synced_past_the_grace_period_fails_with_a_safe_message_and_recovers_by_itself()
    {
        (await _host.ProvisionAsync("beta")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ClaimAsync("beta");
        await SetClaimAsync("beta", ready: false, synced: false, message: "cannot create bucket: postgres://admin:s3cr3t@db/x denied", complete: false);
        var failed = await _host.WaitForStateAsync("beta", "failed", TimeSpan.FromSeconds(15));
        var message = failed["message"]!.GetValue<string>();
        message.ShouldStartWith("Infrastructure engine error:");
        message.ShouldNotContain("s3cr3t");
        failed["timestamps"]!["failedAt"].ShouldNotBeNull();
        failed["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!["reason"]!.GetValue<string>().ShouldBe("InfrastructureNotSynced");

        // The cause is fixed: the org recovers without a new request.
        await PasswordSecretAsync("beta");
        await SetClaimAsync("beta", ready: true, synced: true);
        var recovered = await _host.WaitForStateAsync("beta", "ready", TimeSpan.FromSeconds(15), ready: true);
        recovered["message"]!.GetValue<string>().ShouldContain("recovered");
        recovered["timestamps"]!["failedAt"].ShouldBeNull();
    }

    [Fact]
    public async Task Provisioning_past_the_deadline_fails_and_the_same_request_again_starts_over()
    {
        (await _host.ProvisionAsync("gamma")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var failed = await _host.WaitForStateAsync("gamma", "failed", TimeSpan.FromSeconds(20));
        failed["message"]!.GetValue<string>().ShouldStartWith("Provisioning timed out after 6 seconds");
        var firstStart = failed["timestamps"]!["provisioningStartedAt"]!.GetValue<string>();

        await Task.Delay(1100);
        (await _host.ProvisionAsync("gamma")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var again = await _host.WaitForStateAsync("gamma", "provisioning");
        again["timestamps"]!["provisioningStartedAt"]!.GetValue<string>().ShouldNotBe(firstStart);
        (await Store.ListAsync<InfrastructureClaim>(ListOptions.InNamespace("org-gamma"))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Deprovision_with_Retain_orphans_the_engines_resources_and_waits_for_the_claim_to_go()
    {
        (await _host.ProvisionAsync("delta")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ClaimAsync("delta");
        // The engine holds the claim with a finalizer until its resources are handled.
        await Store.MutateAsync<InfrastructureClaim>("org-delta", "delta", c =>
        {
            c.Metadata.Finalizers = ["engine.example.com/finalizer"];
            return true;
        });
        (await _host.DeprovisionAsync("delta")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var deleting = await _host.WaitForStateAsync("delta", "deleting");
        await Eventually.HoldsAsync(async () => (await Store.GetAsync<InfrastructureClaim>("org-delta", "delta"))!.Metadata.DeletionTimestamp is not null);
        (await Store.GetAsync<InfrastructureClaim>("org-delta", "delta"))!.Spec.DeletionPolicy.ShouldBe("Orphan");
        (await _host.StatusAsync("delta"))!["state"]!.GetValue<string>().ShouldBe("deleting");

        await Store.MutateAsync<InfrastructureClaim>("org-delta", "delta", c =>
        {
            c.Metadata.Finalizers = [];
            return true;
        });
        await _host.WaitForStateAsync("delta", "deleted");
        _ = deleting;
    }
}
