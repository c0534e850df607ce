using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator;

namespace Fleetdeck.Cli;

/// <summary>The parts of the control plane this build carries: one list, used by <c>up</c> and by the client commands.</summary>
internal static class Modules
{
    public static IReadOnlyList<IControlPlaneModule> ControlPlane => [TeamOperatorModule.Embedded()];

    public static IReadOnlyList<IHostedModule> Hosted => [];

    public static IReadOnlyList<IApiModule> Api => [];

    /// <summary>Every kind the CLI can read and write: the built-ins and each part's own.</summary>
    public static KindRegistry Kinds()
    {
        var kinds = KindRegistry.CreateDefault();
        foreach (var module in ControlPlane) module.RegisterKinds(kinds);
        return kinds;
    }
}
