using k8s;
using k8s.Models;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Provisioning.Sites;

namespace Fleetdeck.Provisioning.Controllers;

/// <summary>
/// When an Org object itself is deleted (<c>kubectl delete org</c>) rather than deprovisioned through the API, its Site
/// and infrastructure are removed per its retention policy before it goes, so nothing outside the store is left behind.
/// </summary>
internal sealed class OrgTeardownFinalizer(IInfraProvisioner infra, IOrgSiteStep site, TimeSpan retry) : IFinalizer
{
    public const string FinalizerName = "provisioning.fleetdeck.dev/teardown";

    public string Name => FinalizerName;

    public async Task<FinalizeResult> FinalizeAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
    {
        var org = (Org)obj;
        if (!await site.RemoveAsync(org, cancellationToken).ConfigureAwait(false))
            return FinalizeResult.Blocked("SiteRemoving", "Removing the Site", retry);
        if (!await infra.TeardownAsync(org, cancellationToken).ConfigureAwait(false))
            return FinalizeResult.Blocked("InfrastructureRemoving", "Removing the infrastructure", retry);
        return FinalizeResult.Done;
    }
}
