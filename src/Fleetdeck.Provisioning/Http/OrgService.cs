using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Http;

/// <summary>The outcome of a provision or deprovision request: an HTTP status, and the org or a problem.</summary>
public sealed record OrgOutcome(int Status, Org? Org, Problem? Problem = null)
{
    public static OrgOutcome Accepted(Org org) => new(202, org);

    public static OrgOutcome Conflict(string detail) => new(409, null, Problem.Of(409, detail));
}

/// <summary>
/// What the API does to an org, decided on a fresh read and written conditional on that read's version: creation is
/// atomic (one of many concurrent first calls creates; the others find it and compare), and every later write carries
/// the resourceVersion it was decided on, so a concurrent change makes it retry on the new state instead of overwriting.
/// </summary>
public sealed class OrgService(IObjectStore store, TimeProvider time)
{
    private const int Attempts = 32;

    public async Task<OrgOutcome> ProvisionAsync(string id, OrgSpec wanted, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var org = await store.GetAsync<Org>(null, id, cancellationToken).ConfigureAwait(false);
            try
            {
                if (org is null)
                {
                    var created = await store.CreateAsync(new Org { Metadata = new V1ObjectMeta { Name = id, Finalizers = [Controllers.OrgTeardownFinalizer.FinalizerName] }, Spec = wanted }, cancellationToken).ConfigureAwait(false);
                    return OrgOutcome.Accepted(created);
                }

                var state = OrgStates.Of(org);
                if (org.Spec.Deprovisioned == true)
                {
                    if (state != OrgStates.Deleted)
                        return OrgOutcome.Conflict($"org {id} is being deprovisioned ({state}); provision it again once it is deleted");
                    org.Spec = wanted;
                    return OrgOutcome.Accepted(await store.UpdateAsync(org, cancellationToken).ConfigureAwait(false));
                }
                if (state == OrgStates.Deleting)
                    return OrgOutcome.Conflict($"org {id} is being deprovisioned; provision it again once it is deleted");

                if (SameRequest(org.Spec, wanted))
                {
                    if (state != OrgStates.Failed) return OrgOutcome.Accepted(org);
                    // The same request again after a failure: start over, with a fresh deadline.
                    org.Status = OrgLifecycle.Restart(org, time.GetUtcNow());
                    return OrgOutcome.Accepted(await store.UpdateStatusAsync(org, cancellationToken).ConfigureAwait(false));
                }
                if (state is OrgStates.Pending or OrgStates.Provisioning)
                    return OrgOutcome.Conflict($"org {id} is {state} with a different request; wait until it is ready or failed, or deprovision it");
                // ready, failed or deleted: provision what is asked now.
                org.Spec = wanted;
                return OrgOutcome.Accepted(await store.UpdateAsync(org, cancellationToken).ConfigureAwait(false));
            }
            catch (StoreException e) when (e is ConflictException or AlreadyExistsException)
            {
                // Someone wrote between our read and our write: decide again on what is there now.
            }
        }
        return OrgOutcome.Conflict($"org {id} is changing too fast to provision; try again");
    }

    public async Task<OrgOutcome> DeprovisionAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var org = await store.GetAsync<Org>(null, id, cancellationToken).ConfigureAwait(false);
            if (org is null) return new OrgOutcome(404, null, Problem.Of(404, $"org {id} not found"));
            var state = OrgStates.Of(org);
            if (state == OrgStates.Deleted && org.Spec.Deprovisioned == true)
                return OrgOutcome.Conflict($"org {id} is already deprovisioned");
            if (org.Spec.Deprovisioned == true || state == OrgStates.Deleting) return OrgOutcome.Accepted(org);
            try
            {
                org.Spec.Deprovisioned = true;
                return OrgOutcome.Accepted(await store.UpdateAsync(org, cancellationToken).ConfigureAwait(false));
            }
            catch (ConflictException)
            {
                // decide again
            }
        }
        return OrgOutcome.Conflict($"org {id} is changing too fast to deprovision; try again");
    }

    /// <summary>The same request: every field the caller controls is equal (products were sorted when read).</summary>
    public static bool SameRequest(OrgSpec current, OrgSpec wanted)
    {
        var a = ObjectJson.ToNode(Comparable(current));
        var b = ObjectJson.ToNode(Comparable(wanted));
        return JsonCompare.DeepEquals(a, b);
    }

    private static OrgSpec Comparable(OrgSpec spec) => new()
    {
        Domain = spec.Domain,
        Products = [.. (spec.Products ?? []).Order(StringComparer.Ordinal)],
        Database = spec.Database,
        Storage = spec.Storage,
        RetentionPolicy = RetentionPolicies.Of(spec),
    };
}
