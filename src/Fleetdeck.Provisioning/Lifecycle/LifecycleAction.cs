namespace Fleetdeck.Provisioning.Lifecycle;

/// <summary>What the Org controller must do next, decided from spec and recorded state alone.</summary>
public enum LifecycleAction
{
    /// <summary>Nothing: deprovisioned and deleted.</summary>
    None,

    /// <summary>pending → provisioning (a compare-and-swap write before any infrastructure is made).</summary>
    BeginProvisioning,

    /// <summary>Observe infrastructure, databases, probe and Site, then record the result.</summary>
    Provision,

    /// <summary>pending/provisioning/ready/failed → deleting.</summary>
    BeginDeleting,

    /// <summary>Remove the Site and the infrastructure, then record deleted.</summary>
    Teardown,

    /// <summary>deleted → pending: provisioned again after a deprovision.</summary>
    Restart,
}
