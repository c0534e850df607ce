namespace Fleetdeck.TeamOperator.Admission;

/// <summary>The enumerations of the API, as upstream's CRDs and controllers accept them.</summary>
public static class Allowed
{
    public static readonly string[] SecretTypes = ["", "kubernetes", "aws", "test"];
    public static readonly string[] VolumeSourceTypes = ["", "fsx-zfs", "nfs", "azure-netapp"];
    public static readonly string[] AuthTypes = ["", "password", "oidc", "saml"];
    public static readonly string[] LicenseTypes = ["", "KEY", "FILE"];
    public static readonly string[] PullPolicies = ["", "Always", "IfNotPresent", "Never"];
    public static readonly string[] SiteLogFormats = ["", "JSON"];
    public static readonly string[] FlightdeckLogLevels = ["debug", "info", "warn", "error"];
    public static readonly string[] FlightdeckLogFormats = ["text", "json"];
    public static readonly string[] SessionSaveActions = ["", "no", "ask", "yes"];
    public static readonly string[] SshKeySources = ["aws-secrets-manager", "kubernetes", "azure-key-vault"];
}
