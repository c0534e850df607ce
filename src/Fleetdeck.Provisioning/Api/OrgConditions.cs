namespace Fleetdeck.Provisioning.Api;

/// <summary>Condition types on an Org besides <c>Ready</c>.</summary>
public static class OrgConditions
{
    public const string InfrastructureReady = "InfrastructureReady";
    public const string DatabasesReady = "DatabasesReady";
    public const string SiteReady = "SiteReady";
}
