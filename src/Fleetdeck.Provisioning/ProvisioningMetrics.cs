using Prometheus;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning;

/// <summary>
/// Org provisioning's figures on <c>/metrics</c>: orgs by state (from the informer caches of the running controller
/// managers, at scrape time), brokered credentials issued and swept.
/// </summary>
public sealed class ProvisioningMetrics
{
    private readonly Gauge _orgs;
    private readonly List<ControllerManager> _managers = [];

    public ProvisioningMetrics(CollectorRegistry registry, Fleetdeck.Core.Objects.KindRegistry kinds)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _orgs = factory.CreateGauge("fleetdeck_orgs", "Orgs by lifecycle state.", "state");
        CredentialsIssued = factory.CreateCounter("fleetdeck_org_credentials_issued_total", "Brokered database credentials issued.");
        CredentialsSwept = factory.CreateCounter("fleetdeck_org_credentials_swept_total", "Expired brokered credentials dropped.");
        registry.AddBeforeCollectCallback(() =>
        {
            List<ControllerManager> managers;
            lock (_managers)
            {
                _managers.RemoveAll(m => m.Disposed.IsCancellationRequested);
                managers = [.. _managers];
            }
            // One manager per watched namespace (operator), each seeing its own: together, every Org once.
            var counts = managers.SelectMany(m => m.Context.Cache.List<Org>(kinds)).GroupBy(OrgStates.Of).ToDictionary(g => g.Key, g => g.Count());
            foreach (var state in OrgStates.All) _orgs.WithLabels(state).Set(counts.GetValueOrDefault(state));
        });
    }

    /// <summary>Counts the Orgs in this manager's cache while it lives (a term of the operator, or the life of up).</summary>
    public void Count(ControllerManager manager)
    {
        lock (_managers) _managers.Add(manager);
    }

    public Counter CredentialsIssued { get; }

    public Counter CredentialsSwept { get; }
}
