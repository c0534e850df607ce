namespace Fleetdeck.Fleet.Targets.Ptd;

/// <summary>PTD's <c>AWSControlRoomConfig</c> spec (snake_case in <c>ptd.yaml</c>); unset optional fields stay null.</summary>
public sealed class AwsControlRoomConfig
{
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    public string? Domain { get; set; }
    public string? FrontDoor { get; set; }
    public string? Environment { get; set; }
    public string? TrueName { get; set; }
    public string? PowerUserArn { get; set; }
    public string? EksK8sVersion { get; set; }
    public int? EksNodeGroupMin { get; set; }
    public int? EksNodeGroupMax { get; set; }
    public string? EksNodeInstanceType { get; set; }
    public int? DbAllocatedStorage { get; set; }
    public string? DbEngineVersion { get; set; }
    public string? DbInstanceClass { get; set; }
    public string? HostedZoneId { get; set; }
    public bool? ManageEcrRepositories { get; set; }
    public bool? ProtectPersistentResources { get; set; }
    public Dictionary<string, string>? ResourceTags { get; set; }
    public List<string>? IgnoreTags { get; set; }
    public List<PtdTrustedUser>? TrustedUsers { get; set; }
    public List<string>? TrustedPrincipals { get; set; }
    public bool? TailscaleEnabled { get; set; }
    public int? TraefikDeploymentReplicas { get; set; }
    public bool? WorkspacesEnabled { get; set; }
    public PtdEksAccessEntries? EksAccessEntries { get; set; }

    // Component versions.
    public string? AwsFsxOpenzfsCsiVersion { get; set; }
    public string? AwsLbcVersion { get; set; }
    public string? ExternalDnsVersion { get; set; }
    public string? GrafanaVersion { get; set; }
    public string? KubeStateMetricsVersion { get; set; }
    public string? MetricsServerVersion { get; set; }
    public string? MimirVersion { get; set; }
    public string? SecretStoreCsiAwsProviderVersion { get; set; }
    public string? SecretStoreCsiVersion { get; set; }
    public string? TigeraOperatorVersion { get; set; }
    public string? TraefikForwardAuthVersion { get; set; }
    public string? TraefikVersion { get; set; }
}

public sealed class PtdTrustedUser
{
    public string? Email { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public List<PtdTrustedIpAddress>? IpAddresses { get; set; }
}

public sealed class PtdTrustedIpAddress
{
    public string? Ip { get; set; }
    public string? Comment { get; set; }
}

public sealed class PtdEksAccessEntries
{
    public bool? Enabled { get; set; }
    public List<Dictionary<string, System.Text.Json.Nodes.JsonNode?>>? AdditionalEntries { get; set; }
    public bool? IncludeSameAccountPoweruser { get; set; }
}
