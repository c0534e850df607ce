using Prometheus;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning;

/// <summary>
/// Org provisioning's figures on <c>/metrics</c>: orgs by state (from the informer cache, at scrape time), brokered
/// credentials issued and swept.
/// </summary>
public sealed class ProvisioningMetrics
{
    private readonly Gauge _orgs;

    public ProvisioningMetrics(CollectorRegistry registry, IObjectCache cache, Fleetdeck.Core.Objects.KindRegistry kinds)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _orgs = factory.CreateGauge("fleetdeck_orgs", "Orgs by lifecycle state.", "state");
        CredentialsIssued = factory.CreateCounter("fleetdeck_org_credentials_issued_total", "Brokered database credentials issued.");
        CredentialsSwept = factory.CreateCounter("fleetdeck_org_credentials_swept_total", "Expired brokered credentials dropped.");
        registry.AddBeforeCollectCallback(() =>
        {
            var counts = cache.List<Org>(kinds).GroupBy(OrgStates.Of).ToDictionary(g => g.Key, g => g.Count());
            foreach (var state in OrgStates.All) _orgs.WithLabels(state).Set(counts.GetValueOrDefault(state));
        });
    }

    public Counter CredentialsIssued { get; }

    public Counter CredentialsSwept { get; }
}
