using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning.Lifecycle;

/// <summary>
/// The Org state machine as pure functions of (spec, recorded status, observations, now): no I/O, no clock of its own.
/// <code>
/// (new) ─▶ pending ─▶ provisioning ─▶ ready          deprovision: pending|provisioning|ready|failed ─▶ deleting ─▶ deleted
///                          │  ▲            │ spec changed ─▶ provisioning          deleted + provision ─▶ pending
///    deadline / not synced ▼  │ recovered  │
///                         failed ◀─────────┘ (ready stays ready when degraded; its Ready condition says why)
/// </code>
/// Every function returns a new status; the controller writes it compare-and-swap only when it differs.
/// </summary>
public static class OrgLifecycle
{
    public static LifecycleAction Plan(Org org)
    {
        var state = OrgStates.Of(org);
        if (org.Spec.Deprovisioned == true)
            return state switch
            {
                OrgStates.Deleted => LifecycleAction.None,
                OrgStates.Deleting => LifecycleAction.Teardown,
                _ => LifecycleAction.BeginDeleting,
            };
        return state switch
        {
            // A teardown in progress finishes before the org is provisioned again.
            OrgStates.Deleting => LifecycleAction.Teardown,
            OrgStates.Deleted => LifecycleAction.Restart,
            OrgStates.Pending => LifecycleAction.BeginProvisioning,
            _ => LifecycleAction.Provision,
        };
    }

    public static OrgStatus BeginProvisioning(Org org, DateTimeOffset now)
    {
        var status = Clone(org.Status);
        status.State = OrgStates.Provisioning;
        status.ProvisioningStartedAt = Conditions.Truncate(now);
        status.FailedAt = null;
        status.NotSyncedSince = null;
        status.Message = "Provisioning in progress";
        SetReady(status, org, Conditions.False, "Provisioning", status.Message, now);
        return status;
    }

    public static OrgStatus Restart(Org org, DateTimeOffset now)
    {
        var status = Clone(org.Status);
        status.State = OrgStates.Pending;
        status.ProvisioningStartedAt = status.ReadyAt = status.FailedAt = status.DeletingStartedAt = status.DeletedAt = status.NotSyncedSince = null;
        status.Message = "Provisioning requested";
        SetReady(status, org, Conditions.False, "Pending", status.Message, now);
        return status;
    }

    public static OrgStatus BeginDeleting(Org org, DateTimeOffset now)
    {
        var status = Clone(org.Status);
        status.State = OrgStates.Deleting;
        status.DeletingStartedAt = Conditions.Truncate(now);
        status.NotSyncedSince = null;
        status.Message = "Deprovisioning";
        SetReady(status, org, Conditions.False, "Deleting", status.Message, now);
        return status;
    }

    public static OrgStatus Teardown(Org org, TeardownObservation observation, DateTimeOffset now)
    {
        var status = Clone(org.Status);
        if (observation.SiteGone && observation.InfraGone)
        {
            status.State = OrgStates.Deleted;
            status.DeletedAt ??= Conditions.Truncate(now);
            status.Message = "Resources deleted";
            status.Endpoints = null;
            status.Remove(OrgConditions.SiteReady);
            status.Remove(OrgConditions.InfrastructureReady);
            status.Remove(OrgConditions.DatabasesReady);
            SetReady(status, org, Conditions.False, "Deleted", status.Message, now);
        }
        else
        {
            status.Message = observation.Message;
            SetReady(status, org, Conditions.False, "Deleting", status.Message, now);
        }
        return status;
    }

    /// <summary>Records what provisioning observed: ready when everything is, failed on the deadline or the grace period.</summary>
    public static OrgStatus Observe(Org org, ProvisioningObservation o, DateTimeOffset now, LifecycleOptions options)
    {
        var status = Clone(org.Status);
        var generation = org.Metadata.Generation;
        var state = OrgStates.Of(org);
        if (state == OrgStates.Ready && status.ObservedGeneration is { } seen && seen != generation)
        {
            // The request changed (a product added, say): provision it, with a fresh deadline.
            state = OrgStates.Provisioning;
            status.ProvisioningStartedAt = Conditions.Truncate(now);
            status.NotSyncedSince = null;
        }

        status.NotSyncedSince = o.Infra.Synced == false ? status.NotSyncedSince ?? Conditions.Truncate(now) : null;
        if (o.Infra.Endpoints is { } endpoints) status.Endpoints = endpoints with { Site = o.Site.Url ?? endpoints.Site };

        var infraReason = o.Infra.Ready ? "InfrastructureReady" : o.Infra.Synced == false ? "NotSynced" : "InfrastructureNotReady";
        status.Set(OrgConditions.InfrastructureReady, o.Infra.Ready, infraReason, o.Infra.Message, generation, now);
        var (dbOk, dbReason, dbMessage) = !o.DatabasesExist ? (false, "DatabaseMissing", "The org's databases do not exist yet")
            : o.Probe.Ok ? (true, "ProbeSucceeded", o.Probe.Message)
            : (false, "ProbeFailed", o.Probe.Message);
        if (!o.Infra.Ready && !o.DatabasesExist) dbMessage = "Waiting for the infrastructure";
        status.Set(OrgConditions.DatabasesReady, dbOk, dbReason, dbMessage, generation, now);
        status.Set(OrgConditions.SiteReady, o.Site.Ready, o.Site.Ready ? "SiteReady" : "SiteNotReady", o.Site.Message, generation, now);
        status.ObservedGeneration = generation;

        var blocker = !o.Infra.Ready ? o.Infra.Message : !dbOk ? dbMessage : !o.Site.Ready ? o.Site.Message : null;
        if (blocker is null)
        {
            var recovered = state == OrgStates.Failed;
            if (state != OrgStates.Ready) status.ReadyAt = Conditions.Truncate(now);
            status.State = OrgStates.Ready;
            status.FailedAt = null;
            status.Message = recovered ? "Ready (recovered)" : "Ready";
            SetReady(status, org, Conditions.True, "Ready", "Infrastructure, databases and Site are ready", now);
            return status;
        }

        switch (state)
        {
            case OrgStates.Provisioning:
                var started = status.ProvisioningStartedAt ?? org.Metadata.CreationTimestamp ?? now.UtcDateTime;
                if (now - new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)) > options.Deadline)
                    return Fail(status, org, "ProvisioningTimedOut", $"Provisioning timed out after {Minutes(options.Deadline)}: {blocker}", now);
                if (status.NotSyncedSince is { } since && now - new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)) > options.SyncGracePeriod)
                    return Fail(status, org, "InfrastructureNotSynced", $"Infrastructure engine error: {o.Infra.Message}", now);
                status.State = OrgStates.Provisioning;
                status.Message = blocker;
                SetReady(status, org, Conditions.False, "Provisioning", blocker, now);
                return status;
            case OrgStates.Ready:
                // Degraded: the state stays (the org was provisioned), the Ready condition says what is wrong.
                status.Message = blocker;
                SetReady(status, org, Conditions.False, "Degraded", blocker, now);
                return status;
            default:
                // failed: timers are off; the failure stays until everything is ready again (automatic recovery).
                var reason = org.Status.Find(Conditions.Ready)?.Reason is { Length: > 0 } r && r != Conditions.ReconcileError ? r : "Failed";
                SetReady(status, org, Conditions.False, reason, status.Message ?? blocker, now);
                return status;
        }
    }

    private static OrgStatus Fail(OrgStatus status, Org org, string reason, string message, DateTimeOffset now)
    {
        status.State = OrgStates.Failed;
        status.FailedAt = Conditions.Truncate(now);
        status.Message = message;
        SetReady(status, org, Conditions.False, reason, message, now);
        return status;
    }

    private static void SetReady(OrgStatus status, Org org, string value, string reason, string message, DateTimeOffset now)
    {
        status.ObservedGeneration = org.Metadata.Generation;
        status.Set(Conditions.Ready, value, reason, message, org.Metadata.Generation, now);
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes) ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalSeconds:0} seconds";

    private static OrgStatus Clone(OrgStatus status) => ObjectJson.Clone(status);
}
