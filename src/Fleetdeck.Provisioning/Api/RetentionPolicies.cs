namespace Fleetdeck.Provisioning.Api;

/// <summary>What deprovisioning keeps.</summary>
public static class RetentionPolicies
{
    /// <summary>Databases and storage stay (logins are revoked): the default, so no deprovision loses data.</summary>
    public const string Retain = "Retain";

    /// <summary>Databases, roles and storage are removed.</summary>
    public const string Delete = "Delete";

    public static IReadOnlyList<string> All { get; } = [Retain, Delete];

    public static string Of(OrgSpec spec) => spec.RetentionPolicy ?? Retain;
}
