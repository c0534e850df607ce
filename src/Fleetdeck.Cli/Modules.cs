using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Databases;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Provisioning;
using Fleetdeck.Rollouts;
using Fleetdeck.TeamOperator;

namespace Fleetdeck.Cli;

/// <summary>
/// The parts of the control plane this build carries: the one list that <c>up</c>, <c>operator</c>, <c>crds</c>,
/// <c>install</c>, <c>ensure</c> and the client commands (for the kinds they know) all derive from. A new part is one
/// line in <see cref="Create"/>: an <see cref="IControlPlaneModule"/>, built from the settings it needs.
/// </summary>
internal static class Modules
{
    /// <summary>The parts for a host, in start order (stopped in reverse): the main database first, as others use it.</summary>
    public static IReadOnlyList<IControlPlaneModule> Create(ModuleSettings settings)
    {
        var postgres = settings.Embedded ? new ManagedPostgres(settings.PostgresUrl) : null;
        IControlPlaneModule?[] parts =
        [
            postgres,
            new DatabasesModule(postgres),
            settings.Embedded ? TeamOperatorModule.Embedded(postgres, settings.Simulator) : TeamOperatorModule.Operator(),
            RolloutsSetup.Module(settings.Prometheus ?? RolloutsSetup.PrometheusFromEnvironment()),
            new ProvisioningModule(Commands.Orgs.OrgProvisioning.Settings(settings, postgres)),
        ];
        return [.. parts.OfType<IControlPlaneModule>()];
    }

    /// <summary>Every kind the CLI can read and write: the built-ins and each part's own.</summary>
    public static KindRegistry Kinds() => new ModuleSet(Create(ModuleSettings.Operator)).Kinds();
}
