using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Sites;

/// <summary>The org's Site: made from the provision request once the databases are reachable, and removed on deprovision.</summary>
public interface IOrgSiteStep
{
    Task<SiteObservation> EnsureAsync(Org org, OrgDatabaseAccess access, CancellationToken cancellationToken);

    /// <summary>Deletes the Site; true once it is gone.</summary>
    Task<bool> RemoveAsync(Org org, CancellationToken cancellationToken);
}
