using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Databases;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Cli;

/// <summary>The parts of the control plane this build carries: one list, used by <c>up</c> and by the client commands.</summary>
internal static class Modules
{
    /// <summary>The rollout engine is both a control-plane part and hosted (its metrics bind to the host's registry).</summary>
    public static Fleetdeck.Rollouts.RolloutsModule Rollouts { get; } = new();

    /// <summary>
    /// The parts in operator mode (a real cluster: no embedded main database, no workload simulator): what
    /// <c>fleetdeck operator</c> runs, what <c>crds</c> and <c>install</c> derive from, and the kinds client commands know.
    /// </summary>
    public static IReadOnlyList<IControlPlaneModule> ControlPlane => [new DatabasesModule(null), TeamOperatorModule.Operator(), new Fleetdeck.Rollouts.RolloutsModule(), new Fleetdeck.Provisioning.ProvisioningModule()];

    /// <summary>The parts <c>up</c> runs (embedded mode: simulated workloads); those that need a database server share the embedded main database.</summary>
    public static IReadOnlyList<IControlPlaneModule> ControlPlaneFor(IMainDatabaseFallback? mainDatabase) => [new DatabasesModule(mainDatabase), TeamOperatorModule.Embedded(mainDatabase), Rollouts, Provisioning];

    /// <summary>The parts with a lifetime of their own that <c>up</c> runs: the main database (managed, or <c>--postgres-url</c>), the rollout engine, org provisioning.</summary>
    public static IReadOnlyList<IHostedModule> HostedFor(ManagedPostgres mainDatabase) => [mainDatabase, Rollouts, Provisioning];

    /// <summary>Org provisioning; <c>up</c> sets its settings from its options before starting.</summary>
    public static Fleetdeck.Provisioning.ProvisioningModule Provisioning { get; } = new();

    public static IReadOnlyList<IApiModule> Api => [Provisioning];

    /// <summary>Every kind the CLI can read and write: the built-ins and each part's own.</summary>
    public static KindRegistry Kinds()
    {
        var kinds = KindRegistry.CreateDefault();
        foreach (var module in ControlPlane) module.RegisterKinds(kinds);
        return kinds;
    }
}
