using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// One part of the control plane (team operator, database provisioner, rollout engine, org provisioning):
/// the kinds it serves and the controllers it runs. Hosts (<c>fleetdeck up</c>, <c>fleetdeck operator</c>) compose modules.
/// </summary>
public interface IControlPlaneModule
{
    string Name { get; }

    void RegisterKinds(KindRegistry kinds);

    void AddControllers(ControllerManager manager);
}
