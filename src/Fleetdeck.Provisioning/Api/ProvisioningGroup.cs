namespace Fleetdeck.Provisioning.Api;

/// <summary>The API group of org provisioning and the names derived from an org id.</summary>
public static class ProvisioningGroup
{
    public const string Name = "provisioning.fleetdeck.dev";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Name + "/" + Version;

    /// <summary>Label on every object made for an org, with the org id as value.</summary>
    public const string OrgLabel = "provisioning.fleetdeck.dev/org";

    /// <summary>The namespace holding an org's Site, secrets and claim.</summary>
    public static string NamespaceOf(string orgId) => $"org-{orgId}";

    /// <summary>The org's PostgreSQL role and database (an id is a DNS label, so <c>-</c> → <c>_</c> cannot collide).</summary>
    public static string DatabaseNameOf(string orgId) => "org_" + orgId.Replace('-', '_');
}
