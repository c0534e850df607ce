using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Cli;

/// <summary>The parts of the control plane this build carries: one list, used by <c>up</c> and by the client commands.</summary>
internal static class Modules
{
    /// <summary>The rollout engine is both a control-plane part and hosted (its metrics bind to the host's registry).</summary>
    public static Fleetdeck.Rollouts.RolloutsModule Rollouts { get; } = new();

    /// <summary>Org provisioning; <c>up</c> sets its settings from its options before starting.</summary>
    public static Fleetdeck.Provisioning.ProvisioningModule Provisioning { get; } = new();

    public static IReadOnlyList<IControlPlaneModule> ControlPlane => [Rollouts, Provisioning];

    public static IReadOnlyList<IHostedModule> Hosted => [Rollouts, Provisioning];

    public static IReadOnlyList<IApiModule> Api => [Provisioning];

    /// <summary>Every kind the CLI can read and write: the built-ins and each part's own.</summary>
    public static KindRegistry Kinds()
    {
        var kinds = KindRegistry.CreateDefault();
        foreach (var module in ControlPlane) module.RegisterKinds(kinds);
        return kinds;
    }
}
