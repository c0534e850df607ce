using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Provisioning.Lifecycle;
using Fleetdeck.Provisioning.Sites;

namespace Fleetdeck.Provisioning.Controllers;

/// <summary>
/// Drives one Org through its lifecycle (<see cref="OrgLifecycle"/>). Reads the Org from the store itself (not the cache),
/// so each status write is compare-and-swap against the version the decision was made on: a concurrent write (an API
/// call, another replica) makes it fail with a conflict, and the reconcile starts over from a fresh read. The claim on
/// an org (pending → provisioning) is written before any infrastructure is made, so only its winner makes any.
/// </summary>
internal sealed class OrgReconciler(
    ControllerContext context,
    IInfraProvisioner infra,
    IOrgSiteStep site,
    DatabaseProbe probe,
    OrgControllerOptions options) : IReconciler
{
    private readonly ILogger _logger = context.Loggers.CreateLogger("Fleetdeck.Provisioning.Org");

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var org = await context.Store.GetAsync<Org>(null, key.Name, cancellationToken).ConfigureAwait(false);
        if (org is null) return ReconcileResult.Done;
        var finalized = await Finalizers.HandleAsync(context.Store, org, new OrgTeardownFinalizer(infra, site, options.PollInterval), cancellationToken).ConfigureAwait(false);
        if (finalized.Stop)
            return finalized.Result is { Completed: false } blocked ? ReconcileResult.After(blocked.RetryAfter ?? options.PollInterval) : ReconcileResult.Done;
        org = finalized.Object!;
        var now = context.Time.GetUtcNow();
        switch (OrgLifecycle.Plan(org))
        {
            case LifecycleAction.BeginProvisioning:
                await WriteAsync(org, OrgLifecycle.BeginProvisioning(org, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.After(TimeSpan.Zero);
            case LifecycleAction.Restart:
                await WriteAsync(org, OrgLifecycle.Restart(org, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.After(TimeSpan.Zero);
            case LifecycleAction.BeginDeleting:
                await WriteAsync(org, OrgLifecycle.BeginDeleting(org, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.After(TimeSpan.Zero);
            case LifecycleAction.Provision:
                return await ProvisionAsync(org, now, cancellationToken).ConfigureAwait(false);
            case LifecycleAction.Teardown:
                return await TeardownAsync(org, now, cancellationToken).ConfigureAwait(false);
            default:
                return ReconcileResult.Done;
        }
    }

    private async Task<ReconcileResult> ProvisionAsync(Org org, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureNamespaceAsync(org, cancellationToken).ConfigureAwait(false);
        var infrastructure = await infra.EnsureAsync(org, cancellationToken).ConfigureAwait(false);
        var access = infrastructure.Ready ? await infra.GetDatabaseAccessAsync(org, cancellationToken).ConfigureAwait(false) : null;
        var (exists, result) = access is null
            ? (false, ProbeResult.Skipped("Waiting for the infrastructure"))
            : await probe.ProbeAsync(access, cancellationToken).ConfigureAwait(false);
        var siteObservation = access is not null && result.Ok
            ? await site.EnsureAsync(org, access, cancellationToken).ConfigureAwait(false)
            : new SiteObservation(false, "Waiting for the infrastructure and databases");

        var next = OrgLifecycle.Observe(org, new ProvisioningObservation(infrastructure, exists, result, siteObservation), now, options.Lifecycle);
        next.Infrastructure = infra.Name;
        var written = await WriteAsync(org, next, cancellationToken).ConfigureAwait(false);
        return written.Status.State switch
        {
            OrgStates.Ready when written.IsReady() => ReconcileResult.After(options.ReadyInterval),
            OrgStates.Failed => ReconcileResult.After(options.FailedInterval),
            OrgStates.Provisioning => ReconcileResult.After(Earliest(options.PollInterval, Remaining(written, now))),
            _ => ReconcileResult.After(options.PollInterval),
        };
    }

    private async Task<ReconcileResult> TeardownAsync(Org org, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var siteGone = await site.RemoveAsync(org, cancellationToken).ConfigureAwait(false);
        var infraGone = siteGone && await infra.TeardownAsync(org, cancellationToken).ConfigureAwait(false);
        if (infraGone && RetentionPolicies.Of(org.Spec) == RetentionPolicies.Delete)
            await context.Applier.DeleteAsync(context.Kinds.Get<V1Namespace>(), null, org.Namespace, cancellationToken).ConfigureAwait(false);
        var message = !siteGone ? "Deprovisioning: removing the Site" : !infraGone ? "Deprovisioning: removing the infrastructure" : "Resources deleted";
        var written = await WriteAsync(org, OrgLifecycle.Teardown(org, new TeardownObservation(siteGone, infraGone, message), now), cancellationToken).ConfigureAwait(false);
        if (OrgStates.Of(written) == OrgStates.Deleted)
            _logger.LogInformation("Org {Org} deprovisioned (retention {Policy})", org.Id, RetentionPolicies.Of(org.Spec));
        return OrgStates.Of(written) == OrgStates.Deleted ? ReconcileResult.Done : ReconcileResult.After(options.PollInterval);
    }

    private async Task EnsureNamespaceAsync(Org org, CancellationToken cancellationToken) =>
        await context.Applier.ApplyAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = org.Namespace, Labels = new Dictionary<string, string> { [ProvisioningGroup.OrgLabel] = org.Id } },
        }, org, cancellationToken).ConfigureAwait(false);

    /// <summary>Writes the status only when it changed, conditional on the version read (a conflict restarts the reconcile).</summary>
    private async Task<Org> WriteAsync(Org org, OrgStatus next, CancellationToken cancellationToken)
    {
        if (JsonCompare.DeepEquals(ObjectJson.ToNode(next), ObjectJson.ToNode(org.Status))) return org;
        var before = OrgStates.Of(org);
        org.Status = next;
        var written = await context.Store.UpdateStatusAsync(org, cancellationToken).ConfigureAwait(false);
        if (before != OrgStates.Of(written))
            _logger.LogInformation("Org {Org}: {From} -> {To}: {Message}", org.Id, before, OrgStates.Of(written), written.Status.Message);
        return written;
    }

    private TimeSpan Remaining(Org org, DateTimeOffset now)
    {
        if (org.Status.ProvisioningStartedAt is not { } started) return options.PollInterval;
        var left = new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)) + options.Lifecycle.Deadline - now;
        return left < TimeSpan.Zero ? TimeSpan.Zero : left + TimeSpan.FromSeconds(1);
    }

    private static TimeSpan Earliest(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
