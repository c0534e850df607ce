using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// The port to an org's infrastructure: a database server role and databases, and storage. Every call is idempotent and
/// safe to repeat after a crash; messages are safe to show.
/// </summary>
public interface IInfraProvisioner
{
    /// <summary><c>local</c> or <c>claims</c>.</summary>
    string Name { get; }

    /// <summary>Creates what is missing, and reports how it stands.</summary>
    Task<InfraObservation> EnsureAsync(Org org, CancellationToken cancellationToken);

    /// <summary>How to reach the org's database: for the probe (as the org's role) and the credential broker (as an admin). Null until known.</summary>
    Task<OrgDatabaseAccess?> GetDatabaseAccessAsync(Org org, CancellationToken cancellationToken);

    /// <summary>Removes what the retention policy says should go; true once nothing is left to do.</summary>
    Task<bool> TeardownAsync(Org org, CancellationToken cancellationToken);
}
