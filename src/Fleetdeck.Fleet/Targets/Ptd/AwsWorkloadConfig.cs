namespace Fleetdeck.Fleet.Targets.Ptd;

/// <summary>PTD's <c>AWSWorkloadConfig</c> spec; unset optional fields stay null and get PTD's defaults where Fleetdeck uses them.</summary>
public sealed class AwsWorkloadConfig
{
    // Account and control room.
    public string? AccountId { get; set; }
    public string? Profile { get; set; }
    public PtdCustomRole? CustomRole { get; set; }
    public string? RoleArn { get; set; }
    public string? ExternalId { get; set; }
    public string? Region { get; set; }
    public string? ControlRoomAccountId { get; set; }
    public string? ControlRoomClusterName { get; set; }
    public string? ControlRoomDomain { get; set; }
    public string? ControlRoomRegion { get; set; }

    // Database.
    public int? DbAllocatedStorage { get; set; }
    public string? DbEngineVersion { get; set; }
    public string? DbInstanceClass { get; set; }
    public bool? DbPerformanceInsightsEnabled { get; set; }
    public bool? DbDeletionProtection { get; set; }
    public int? DbMaxAllocatedStorage { get; set; }
    public List<string>? ExtraPostgresDbs { get; set; }

    // Storage and networking.
    public string? FsxOpenzfsDailyAutomaticBackupStartTime { get; set; }
    public bool? FsxOpenzfsMultiAz { get; set; }
    public string? FsxOpenzfsOverrideDeploymentType { get; set; }
    public int? FsxOpenzfsStorageCapacity { get; set; }
    public int? FsxOpenzfsThroughputCapacity { get; set; }
    public int? VpcAzCount { get; set; }
    public string? VpcCidr { get; set; }
    public PtdProvisionedVpc? ProvisionedVpc { get; set; }
    public List<string>? VpcEndpoints { get; set; }
    public string? BastionInstanceType { get; set; }
    public string? CustomerManagedBastionId { get; set; }

    // Behaviour switches.
    public string? DomainSource { get; set; }
    public bool? KeycloakEnabled { get; set; }
    public bool? AutoscalingEnabled { get; set; }
    public bool? ExternalDnsEnabled { get; set; }
    public bool? HostedZoneManagementEnabled { get; set; }
    public string? HostedZoneId { get; set; }
    public bool? TailscaleEnabled { get; set; }
    public bool? LoadBalancerPerSite { get; set; }
    public bool? PublicLoadBalancer { get; set; }
    public bool? ProtectPersistentResources { get; set; }
    public bool? NvidiaGpuEnabled { get; set; }
    public string? NetworkTrust { get; set; }
    public Dictionary<string, string>? ResourceTags { get; set; }
    public List<string>? IgnoreTags { get; set; }
    public List<string>? TrustedPrincipals { get; set; }
    public List<string>? ExtraClusterOidcUrls { get; set; }
    public bool? GrafanaScrapeSystemLogs { get; set; }
    public bool? CreateAdminPolicyAsResource { get; set; }
    public bool? SecretsStoreAddonEnabled { get; set; }
    public bool? ThirdPartyTelemetryEnabled { get; set; }

    /// <summary>Clusters by release date (<c>YYYYMMDD</c>), blue/green by routing weight.</summary>
    public Dictionary<string, PtdEntry<AwsWorkloadClusterSpec>>? Clusters { get; set; }

    public Dictionary<string, PtdEntry<PtdSiteSpec>>? Sites { get; set; }
}

/// <summary>PTD nests cluster and site settings under <c>spec</c>.</summary>
public sealed class PtdEntry<T>
    where T : class
{
    public T? Spec { get; set; }
}

public sealed class PtdCustomRole
{
    public string? RoleArn { get; set; }
    public string? ExternalId { get; set; }
}

public sealed class PtdProvisionedVpc
{
    public string? VpcId { get; set; }
    public string? Cidr { get; set; }
    public List<string>? PrivateSubnets { get; set; }
}

public sealed class AwsWorkloadClusterSpec
{
    public string? ClusterVersion { get; set; }
    public int? MpMinSize { get; set; }
    public int? MpMaxSize { get; set; }
    public string? MpInstanceType { get; set; }
    public int? RootDiskSize { get; set; }
    public string? RoutingWeight { get; set; }
    public bool? ForceMaintenance { get; set; }
    public List<AwsNodeGroup>? AdditionalNodeGroups { get; set; }
    public PtdKarpenterConfig? KarpenterConfig { get; set; }
    public Dictionary<string, System.Text.Json.Nodes.JsonNode?>? Components { get; set; }
    public string? TeamOperatorImage { get; set; }
    public string? AdhocTeamOperatorImage { get; set; }
    public string? TeamOperatorChartVersion { get; set; }
    public bool? TeamOperatorSkipCrds { get; set; }
    public List<PtdToleration>? TeamOperatorTolerations { get; set; }
    public List<string>? CustomK8sResources { get; set; }
}

public sealed class AwsNodeGroup
{
    public string? Name { get; set; }
    public string? InstanceType { get; set; }
    public int? MinSize { get; set; }
    public int? MaxSize { get; set; }
    public int? DesiredSize { get; set; }
    public int? RootDiskSize { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public List<PtdTaint>? Taints { get; set; }
}

public sealed class PtdKarpenterConfig
{
    public List<PtdKarpenterNodePool>? NodePools { get; set; }
}

public sealed class PtdKarpenterNodePool
{
    public string? Name { get; set; }
    public List<PtdKarpenterRequirement>? Requirements { get; set; }
    public Dictionary<string, string>? Limits { get; set; }
    public string? ExpireAfter { get; set; }
    public List<PtdTaint>? Taints { get; set; }
    public int? Weight { get; set; }
    public string? RootVolumeSize { get; set; }
    public bool? SessionTaints { get; set; }
    public string? ConsolidationPolicy { get; set; }
    public string? ConsolidateAfter { get; set; }
    public int? OverprovisioningReplicas { get; set; }
    public string? OverprovisioningCpuRequest { get; set; }
    public string? OverprovisioningMemoryRequest { get; set; }
    public string? OverprovisioningNvidiaGpuRequest { get; set; }
}

public sealed class PtdKarpenterRequirement
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public List<string>? Values { get; set; }
}

public sealed class PtdTaint
{
    public string? Key { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
}

public sealed class PtdToleration
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
}

public sealed class PtdSiteSpec
{
    public string? Domain { get; set; }
    public string? DomainType { get; set; }
    public string? ZoneId { get; set; }
    public string? CertificateArn { get; set; }
    public bool? UseTraefikForwardAuth { get; set; }
    public bool? PrivateZone { get; set; }
    public bool? CertificateValidationEnabled { get; set; }
    public List<string>? TlsSecrets { get; set; }
}
