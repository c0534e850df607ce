using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Api;

/// <summary>Registers the provisioning kinds with their printer columns and admission.</summary>
public static class ProvisioningKinds
{
    public static void AddTo(KindRegistry kinds) => kinds
        .Add<Org>(k => k with
        {
            Namespaced = false,
            ShortNames = ["org"],
            Categories = ["fleetdeck"],
            PrinterColumns =
            [
                new("State", "string", ".status.state"),
                new("Domain", "string", ".spec.domain"),
                new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
                new("Message", "string", ".status.message", Priority: 1),
            ],
            Admission = new OrgAdmission(),
        })
        .Add<InfrastructureClaim>(k => k with
        {
            ShortNames = ["infraclaim"],
            PrinterColumns =
            [
                new("Synced", "string", ".status.conditions[?(@.type==\"Synced\")].status"),
                new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
                new("Endpoint", "string", ".status.endpoint"),
            ],
        });
}
