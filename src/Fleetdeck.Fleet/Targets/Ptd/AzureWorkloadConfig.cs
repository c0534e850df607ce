namespace Fleetdeck.Fleet.Targets.Ptd;

/// <summary>PTD's <c>AzureWorkloadConfig</c> spec.</summary>
public sealed class AzureWorkloadConfig
{
    public string? SubscriptionId { get; set; }
    public string? TenantId { get; set; }
    public string? AdminGroupId { get; set; }
    public string? Region { get; set; }
    public string? ControlRoomAccountId { get; set; }
    public string? ControlRoomClusterName { get; set; }
    public string? ControlRoomDomain { get; set; }
    public string? ControlRoomRegion { get; set; }
    public AzureNetworkConfig? Network { get; set; }
    public bool? AutomatedVolumeProvisioning { get; set; }
    public string? BastionInstanceType { get; set; }
    public int? NetappBackupRetentionDays { get; set; }
    public string? NetappDailyBackupStartTime { get; set; }
    public int? NetappSnapshotsToKeep { get; set; }
    public int? NetappVolumeConnectCapacity { get; set; }
    public int? NetappVolumeWorkbenchCapacity { get; set; }
    public int? NetappVolumeWorkbenchSharedCapacity { get; set; }
    public int? PpmFileShareSizeGib { get; set; }
    public Dictionary<string, string>? ResourceTags { get; set; }
    public bool? ProtectPersistentResources { get; set; }
    public bool? ThirdPartyTelemetryEnabled { get; set; }
    public string? NetworkTrust { get; set; }
    public bool? NvidiaGpuEnabled { get; set; }
    public string? RootDomain { get; set; }
    public Dictionary<string, AzureWorkloadClusterConfig>? Clusters { get; set; }
    public Dictionary<string, PtdEntry<PtdSiteSpec>>? Sites { get; set; }
}

public sealed class AzureNetworkConfig
{
    public string? VnetCidr { get; set; }
    public string? PublicSubnetCidr { get; set; }
    public string? PrivateSubnetCidr { get; set; }
    public string? PrivateSubnetRouteTableId { get; set; }
    public string? DbSubnetCidr { get; set; }
    public string? NetappSubnetCidr { get; set; }
    public string? AppGatewaySubnetCidr { get; set; }
    public string? ProvisionedVnetId { get; set; }
    public string? VnetRsgName { get; set; }
    public List<AzureDnsForwardDomain>? DnsForwardDomains { get; set; }
}

public sealed class AzureDnsForwardDomain
{
    public string? Host { get; set; }
    public string? Ip { get; set; }
}

public sealed class AzureWorkloadClusterConfig
{
    public string? KubernetesVersion { get; set; }
    public string? OutboundType { get; set; }
    public bool? PublicEndpointAccess { get; set; }
    public string? SystemNodePoolInstanceType { get; set; }
    public int? SystemNodePoolRootDiskSize { get; set; }
    public bool? UseLetsEncrypt { get; set; }
    public List<AzureUserNodePool>? UserNodePools { get; set; }
    public bool? ExternalSecretsEnabled { get; set; }
    public bool? ForceMaintenance { get; set; }
    public Dictionary<string, System.Text.Json.Nodes.JsonNode?>? Components { get; set; }
    public string? TeamOperatorImage { get; set; }
    public string? AdhocTeamOperatorImage { get; set; }
    public string? TeamOperatorChartVersion { get; set; }
    public bool? TeamOperatorSkipCrds { get; set; }
    public List<string>? CustomK8sResources { get; set; }
}

public sealed class AzureUserNodePool
{
    public string? Name { get; set; }
    public string? VmSize { get; set; }
    public int? MinCount { get; set; }
    public int? MaxCount { get; set; }
    public int? InitialCount { get; set; }
    public bool? EnableAutoScaling { get; set; }
    public List<string>? AvailabilityZones { get; set; }
    public List<string>? NodeTaints { get; set; }
    public Dictionary<string, string>? NodeLabels { get; set; }
    public int? MaxPods { get; set; }
    public int? RootDiskSize { get; set; }
}
