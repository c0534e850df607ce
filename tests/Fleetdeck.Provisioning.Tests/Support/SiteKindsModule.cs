using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Provisioning.Tests.Support;

/// <summary>
/// The team operator's and rollout engine's real kinds without their controllers: for tests that set a Site's or a
/// product's status by hand, as the operator would, to see how it is shown.
/// </summary>
public sealed class SiteKindsModule : IControlPlaneModule
{
    public string Name => "site kinds";

    public void RegisterKinds(KindRegistry kinds)
    {
        TeamKinds.AddTo(kinds);
        Fleetdeck.Rollouts.RolloutsModule.Register(kinds);
    }

    public void AddControllers(ControllerManager manager)
    {
    }
}
