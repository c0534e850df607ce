using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Tests.Lifecycle;

/// <summary>The Org state machine, as tables: (recorded state, spec, observations, time) → next state and reason.</summary>
public sealed class OrgLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleOptions Options = new();

    private static Org Make(string? state, bool deprovisioned = false, long generation = 1, long? observed = 1, DateTimeOffset? started = null, DateTimeOffset? notSyncedSince = null, string? readyReason = null)
    {
        var org = new Org
        {
            Metadata = new V1ObjectMeta { Name = "acme", Generation = generation, CreationTimestamp = T0.UtcDateTime },
            Spec = new OrgSpec { Domain = "acme.example.com", Products = ["connect"], Deprovisioned = deprovisioned ? true : null },
            Status = new OrgStatus
            {
                State = state,
                ObservedGeneration = observed,
                ProvisioningStartedAt = started?.UtcDateTime,
                NotSyncedSince = notSyncedSince?.UtcDateTime,
                ReadyAt = state == OrgStates.Ready ? T0.AddMinutes(3).UtcDateTime : null,
                Message = state == OrgStates.Failed ? "Provisioning timed out after 30 minutes: x" : null,
            },
        };
        if (readyReason is not null) org.Status.Set(Conditions.Ready, Conditions.False, readyReason, "earlier", generation, T0);
        return org;
    }

    public static TheoryData<string?, bool, LifecycleAction> Plans() => new()
    {
        { null, false, LifecycleAction.BeginProvisioning },
        { OrgStates.Pending, false, LifecycleAction.BeginProvisioning },
        { OrgStates.Provisioning, false, LifecycleAction.Provision },
        { OrgStates.Ready, false, LifecycleAction.Provision },
        { OrgStates.Failed, false, LifecycleAction.Provision },
        { OrgStates.Deleting, false, LifecycleAction.Teardown },
        { OrgStates.Deleted, false, LifecycleAction.Restart },
        { null, true, LifecycleAction.BeginDeleting },
        { OrgStates.Pending, true, LifecycleAction.BeginDeleting },
        { OrgStates.Provisioning, true, LifecycleAction.BeginDeleting },
        { OrgStates.Ready, true, LifecycleAction.BeginDeleting },
        { OrgStates.Failed, true, LifecycleAction.BeginDeleting },
        { OrgStates.Deleting, true, LifecycleAction.Teardown },
        { OrgStates.Deleted, true, LifecycleAction.None },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_next_action_follows_from_the_recorded_state_and_whether_deprovision_was_asked(string? state, bool deprovisioned, LifecycleAction expected) =>
        OrgLifecycle.Plan(Make(state, deprovisioned)).ShouldBe(expected);

    private static InfraObservation InfraOk => new(true, true, "ok", new OrgEndpoints { Database = "h:5432/org_acme" });

    private static readonly ProvisioningObservation AllGood = new(InfraOk, true, ProbeResult.Succeeded, new SiteObservation(true, "Site is ready", "https://acme.example.com"));

    public static TheoryData<string, string, int, int?, ProvisioningObservation, string, string, string> Observations() => new()
    {
        // name, state, minutes since start, minutes not synced, observation, next state, Ready reason, message contains
        { "all ready", OrgStates.Provisioning, 1, null, AllGood, OrgStates.Ready, "Ready", "Ready" },
        { "infra not ready", OrgStates.Provisioning, 1, null, AllGood with { Infra = InfraObservation.NotReady("Waiting for the database server to start") }, OrgStates.Provisioning, "Provisioning", "database server" },
        { "probe fails", OrgStates.Provisioning, 1, null, AllGood with { Probe = new ProbeResult(false, "Probe failed: authentication failed") }, OrgStates.Provisioning, "Provisioning", "authentication failed" },
        { "database missing", OrgStates.Provisioning, 1, null, AllGood with { DatabasesExist = false }, OrgStates.Provisioning, "Provisioning", "do not exist" },
        { "site not ready", OrgStates.Provisioning, 1, null, AllGood with { Site = new SiteObservation(false, "Site not ready: connect is rolling out") }, OrgStates.Provisioning, "Provisioning", "connect is rolling out" },
        { "deadline passed", OrgStates.Provisioning, 31, null, AllGood with { Site = new SiteObservation(false, "Site not ready") }, OrgStates.Failed, "ProvisioningTimedOut", "timed out after 30 minutes" },
        { "deadline not yet", OrgStates.Provisioning, 29, null, AllGood with { Site = new SiteObservation(false, "Site not ready") }, OrgStates.Provisioning, "Provisioning", "Site not ready" },
        { "ready at the deadline", OrgStates.Provisioning, 45, null, AllGood, OrgStates.Ready, "Ready", "Ready" },
        { "not synced in grace", OrgStates.Provisioning, 9, 9, AllGood with { Infra = new InfraObservation(false, false, "bucket quota") }, OrgStates.Provisioning, "Provisioning", "bucket quota" },
        { "not synced past grace", OrgStates.Provisioning, 11, 11, AllGood with { Infra = new InfraObservation(false, false, "bucket quota") }, OrgStates.Failed, "InfrastructureNotSynced", "Infrastructure engine error: bucket quota" },
        { "synced again resets grace", OrgStates.Provisioning, 11, 11, AllGood with { Infra = new InfraObservation(false, true, "creating") }, OrgStates.Provisioning, "Provisioning", "creating" },
        { "failed recovers", OrgStates.Failed, 90, null, AllGood, OrgStates.Ready, "Ready", "recovered" },
        { "failed stays without timers", OrgStates.Failed, 600, 600, AllGood with { Infra = new InfraObservation(false, false, "still broken") }, OrgStates.Failed, "ProvisioningTimedOut", "timed out" },
        { "ready degrades but stays ready", OrgStates.Ready, 600, null, AllGood with { Probe = new ProbeResult(false, "Probe failed: the database did not answer in time") }, OrgStates.Ready, "Degraded", "did not answer in time" },
        { "ready stays ready", OrgStates.Ready, 600, null, AllGood, OrgStates.Ready, "Ready", "Ready" },
    };

    [Theory]
    [MemberData(nameof(Observations))]
    public void An_observation_moves_the_org_as_the_table_says(string name, string state, int minutes, int? notSyncedMinutes, ProvisioningObservation observation, string next, string reason, string message)
    {
        var org = Make(state, started: T0, notSyncedSince: notSyncedMinutes is { } m ? T0.AddMinutes(minutes - m) : null,
            readyReason: state == OrgStates.Failed ? "ProvisioningTimedOut" : null);
        var now = T0.AddMinutes(minutes);

        var status = OrgLifecycle.Observe(org, observation, now, Options);

        status.State.ShouldBe(next, name);
        status.Find(Conditions.Ready)!.Reason.ShouldBe(reason, name);
        (status.Message + " " + status.Find(Conditions.Ready)!.Message).ShouldContain(message, Case.Insensitive, name);
        status.ObservedGeneration.ShouldBe(1);
        if (next == OrgStates.Ready && reason == "Ready")
        {
            status.FailedAt.ShouldBeNull();
            status.ReadyAt.ShouldBe(state == OrgStates.Ready ? T0.AddMinutes(3).UtcDateTime : Conditions.Truncate(now), name);
            status.Find(Conditions.Ready)!.Status.ShouldBe(Conditions.True);
        }
        if (next == OrgStates.Failed && state != OrgStates.Failed) status.FailedAt.ShouldBe(Conditions.Truncate(now));
    }

    [Fact]
    public void The_grace_period_counts_from_when_not_synced_was_first_seen()
    {
        var org = Make(OrgStates.Provisioning, started: T0);
        var first = OrgLifecycle.Observe(org, AllGood with { Infra = new InfraObservation(false, false, "x") }, T0.AddMinutes(5), Options);
        first.NotSyncedSince.ShouldBe(T0.AddMinutes(5).UtcDateTime);
        org.Status = first;
        var later = OrgLifecycle.Observe(org, AllGood with { Infra = new InfraObservation(false, false, "x") }, T0.AddMinutes(14), Options);
        later.State.ShouldBe(OrgStates.Provisioning);
        later.NotSyncedSince.ShouldBe(T0.AddMinutes(5).UtcDateTime);
        org.Status = later;
        OrgLifecycle.Observe(org, AllGood with { Infra = new InfraObservation(false, false, "x") }, T0.AddMinutes(15).AddSeconds(1), Options).State.ShouldBe(OrgStates.Failed);
    }

    [Fact]
    public void A_changed_request_while_ready_provisions_again_with_a_fresh_deadline()
    {
        var org = Make(OrgStates.Ready, generation: 2, observed: 1, started: T0);
        var status = OrgLifecycle.Observe(org, AllGood with { Site = new SiteObservation(false, "workbench starting") }, T0.AddHours(5), Options);
        status.State.ShouldBe(OrgStates.Provisioning);
        status.ProvisioningStartedAt.ShouldBe(T0.AddHours(5).UtcDateTime);
        status.ObservedGeneration.ShouldBe(2);
    }

    [Fact]
    public void Observing_the_same_thing_twice_changes_nothing()
    {
        var org = Make(OrgStates.Provisioning, started: T0);
        var once = OrgLifecycle.Observe(org, AllGood, T0.AddMinutes(1), Options);
        org.Status = once;
        var twice = OrgLifecycle.Observe(org, AllGood, T0.AddMinutes(2), Options);
        Core.Serialization.JsonCompare.DeepEquals(Core.Serialization.ObjectJson.ToNode(twice), Core.Serialization.ObjectJson.ToNode(once)).ShouldBeTrue();
    }

    [Fact]
    public void Transitions_record_their_timestamps()
    {
        var pending = Make(null);
        var provisioning = OrgLifecycle.BeginProvisioning(pending, T0);
        provisioning.State.ShouldBe(OrgStates.Provisioning);
        provisioning.ProvisioningStartedAt.ShouldBe(T0.UtcDateTime);

        var deleting = OrgLifecycle.BeginDeleting(Make(OrgStates.Ready, deprovisioned: true), T0);
        deleting.State.ShouldBe(OrgStates.Deleting);
        deleting.DeletingStartedAt.ShouldBe(T0.UtcDateTime);

        var org = Make(OrgStates.Deleting, deprovisioned: true);
        var halfway = OrgLifecycle.Teardown(org, new TeardownObservation(true, false, "Deprovisioning: removing the infrastructure"), T0);
        halfway.State.ShouldBe(OrgStates.Deleting);
        halfway.Message.ShouldBe("Deprovisioning: removing the infrastructure");
        var deleted = OrgLifecycle.Teardown(org, new TeardownObservation(true, true, "done"), T0.AddMinutes(1));
        deleted.State.ShouldBe(OrgStates.Deleted);
        deleted.DeletedAt.ShouldBe(T0.AddMinutes(1).UtcDateTime);
        deleted.Find(Conditions.Ready)!.Reason.ShouldBe("Deleted");

        var restarted = OrgLifecycle.Restart(Make(OrgStates.Deleted), T0.AddDays(1));
        restarted.State.ShouldBe(OrgStates.Pending);
        restarted.DeletedAt.ShouldBeNull();
        restarted.ProvisioningStartedAt.ShouldBeNull();
    }

    [Fact]
    public void Every_state_is_reachable_and_every_reachable_state_has_a_way_out_except_deleted()
    {
        // A property over the table above: from each state some action leads on, and deleted only leads on when provisioning is asked again.
        foreach (var state in OrgStates.All)
        {
            var active = OrgLifecycle.Plan(Make(state, deprovisioned: false));
            var deprovisioned = OrgLifecycle.Plan(Make(state, deprovisioned: true));
            (active != LifecycleAction.None || deprovisioned != LifecycleAction.None).ShouldBeTrue(state);
            if (state != OrgStates.Deleted) deprovisioned.ShouldNotBe(LifecycleAction.None, state);
        }
    }
}
