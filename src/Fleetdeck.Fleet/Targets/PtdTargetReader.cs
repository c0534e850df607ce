using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Fleet.Targets.Ptd;

namespace Fleetdeck.Fleet.Targets;

/// <summary>
/// Reads PTD's <c>ptd.yaml</c> (<c>posit.team/v1</c>: <c>AWSControlRoomConfig</c>, <c>AWSWorkloadConfig</c>, <c>AzureWorkloadConfig</c>)
/// and maps it onto Fleetdeck: the cloud's database, storage and network sizes become one infrastructure claim per workload,
/// and each <c>site_&lt;name&gt;/site.yaml</c> beside it becomes a Site.
/// </summary>
internal static class PtdTargetReader
{
    public const string ApiVersion = "posit.team/v1";
    public const string AwsControlRoom = "AWSControlRoomConfig";
    public const string AwsWorkload = "AWSWorkloadConfig";
    public const string AzureWorkload = "AzureWorkloadConfig";

    /// <summary>PTD's own defaults for the sizes Fleetdeck passes on.</summary>
    public const int DefaultDbAllocatedStorage = 100;
    public const int DefaultVpcAzCount = 3;

    public static ControlRoomTarget? ReadControlRoom(string name, TargetSource source, SpecReader reader)
    {
        var spec = reader.Read<AwsControlRoomConfig>("spec");
        if (spec is null)
        {
            if (reader.Errors.Count == 0) reader.Error("spec", "required: account_id, region, domain, environment, true_name");
            return null;
        }
        Checks.Required(reader, "spec.account_id", spec.AccountId, "the AWS account id (12 digits, quoted)");
        Checks.Pattern(reader, "spec.account_id", spec.AccountId, Checks.AwsAccount(), "an AWS account id (12 digits)");
        Checks.Required(reader, "spec.region", spec.Region, "the AWS region, e.g. us-east-2");
        Checks.Pattern(reader, "spec.region", spec.Region, Checks.AwsRegion(), "an AWS region (e.g. us-east-2)");
        Checks.Required(reader, "spec.domain", spec.Domain, "the control room's domain");
        Checks.Domain(reader, "spec.domain", spec.Domain);
        Checks.Domain(reader, "spec.front_door", spec.FrontDoor);
        Checks.Required(reader, "spec.environment", spec.Environment, "the environment, e.g. production or staging");
        Checks.Required(reader, "spec.true_name", spec.TrueName, "the control room's short name");
        Checks.DnsLabel(reader, "spec.true_name", spec.TrueName);
        Checks.Pattern(reader, "spec.power_user_arn", spec.PowerUserArn, Checks.Arn(), "an ARN (arn:aws:iam::<account>:role/...)");
        Checks.Pattern(reader, "spec.eks_k8s_version", spec.EksK8sVersion, Checks.Version(), "a Kubernetes version such as \"1.33\" (quote it)");
        Checks.Range(reader, "spec.eks_node_group_min", spec.EksNodeGroupMin, 0, 1000);
        Checks.Range(reader, "spec.eks_node_group_max", spec.EksNodeGroupMax, 1, 1000);
        Checks.MinNotAboveMax(reader, "spec.eks_node_group_min", spec.EksNodeGroupMin, "spec.eks_node_group_max", spec.EksNodeGroupMax);
        Checks.Range(reader, "spec.db_allocated_storage", spec.DbAllocatedStorage, 20, 65536);
        Checks.Pattern(reader, "spec.db_engine_version", spec.DbEngineVersion, Checks.Version(), "a PostgreSQL version such as \"16.4\" (quote it)");
        Checks.Pattern(reader, "spec.hosted_zone_id", spec.HostedZoneId, Checks.HostedZone(), "a Route53 hosted zone id (Z...)");
        Checks.Range(reader, "spec.traefik_deployment_replicas", spec.TraefikDeploymentReplicas, 1, 100);
        for (var i = 0; i < (spec.TrustedUsers?.Count ?? 0); i++)
        {
            var user = spec.TrustedUsers![i];
            var at = $"spec.trusted_users[{i}]";
            Checks.Required(reader, $"{at}.email", user.Email, "the user's email");
            if (user.Email is { } email && !email.Contains('@', StringComparison.Ordinal)) reader.Error($"{at}.email", $"\"{email}\" is not an email address");
            for (var j = 0; j < (user.IpAddresses?.Count ?? 0); j++)
            {
                Checks.Required(reader, $"{at}.ip_addresses[{j}].ip", user.IpAddresses![j].Ip, "an IP address or CIDR block");
                Checks.IpOrCidr(reader, $"{at}.ip_addresses[{j}].ip", user.IpAddresses[j].Ip);
            }
        }
        for (var i = 0; i < (spec.TrustedPrincipals?.Count ?? 0); i++)
            Checks.Pattern(reader, $"spec.trusted_principals[{i}]", spec.TrustedPrincipals![i], Checks.Arn(), "an ARN");
        Checks.Unique(reader, "spec.ignore_tags", spec.IgnoreTags?.Cast<string?>().ToList(), "tag");
        return new ControlRoomTarget(name, source, null, null, null, [], spec.Domain);
    }

    public static WorkloadTarget? ReadWorkload(string name, TargetSource source, SpecReader reader, ObjectSiteLoader sites)
    {
        if (source.Kind == AwsWorkload)
        {
            var spec = reader.Read<AwsWorkloadConfig>("spec");
            if (spec is null)
            {
                if (reader.Errors.Count == 0) reader.Error("spec", "required: account_id, region, control_room_cluster_name, sites");
                return null;
            }
            CheckAws(reader, spec);
            return Map(name, source, reader, sites, spec.ControlRoomClusterName, spec.Sites,
                spec.DbAllocatedStorage ?? DefaultDbAllocatedStorage, spec.ExtraPostgresDbs, spec.FsxOpenzfsStorageCapacity,
                spec.ProvisionedVpc?.Cidr ?? spec.VpcCidr, spec.VpcAzCount ?? DefaultVpcAzCount, spec.ProtectPersistentResources, "aws");
        }

        var azure = reader.Read<AzureWorkloadConfig>("spec");
        if (azure is null)
        {
            if (reader.Errors.Count == 0) reader.Error("spec", "required: subscription_id, tenant_id, region, control_room_cluster_name, sites");
            return null;
        }
        CheckAzure(reader, azure);
        var storage = (azure.NetappVolumeConnectCapacity ?? 0) + (azure.NetappVolumeWorkbenchCapacity ?? 0) + (azure.NetappVolumeWorkbenchSharedCapacity ?? 0) + (azure.PpmFileShareSizeGib ?? 0);
        return Map(name, source, reader, sites, azure.ControlRoomClusterName, azure.Sites, null, null, storage == 0 ? null : storage,
            azure.Network?.VnetCidr, null, azure.ProtectPersistentResources, "azure");
    }

    private static void CheckAws(SpecReader reader, AwsWorkloadConfig spec)
    {
        Checks.Required(reader, "spec.account_id", spec.AccountId, "the AWS account id (12 digits, quoted)");
        Checks.Pattern(reader, "spec.account_id", spec.AccountId, Checks.AwsAccount(), "an AWS account id (12 digits)");
        Checks.Pattern(reader, "spec.control_room_account_id", spec.ControlRoomAccountId, Checks.AwsAccount(), "an AWS account id (12 digits)");
        Checks.Required(reader, "spec.region", spec.Region, "the AWS region, e.g. us-east-2");
        Checks.Pattern(reader, "spec.region", spec.Region, Checks.AwsRegion(), "an AWS region (e.g. us-east-2)");
        Checks.Pattern(reader, "spec.control_room_region", spec.ControlRoomRegion, Checks.AwsRegion(), "an AWS region (e.g. us-east-2)");
        Checks.Domain(reader, "spec.control_room_domain", spec.ControlRoomDomain);
        Checks.Pattern(reader, "spec.role_arn", spec.RoleArn, Checks.Arn(), "an ARN");
        Checks.Pattern(reader, "spec.custom_role.role_arn", spec.CustomRole?.RoleArn, Checks.Arn(), "an ARN");
        Checks.Guid(reader, "spec.external_id", spec.ExternalId);
        Checks.Range(reader, "spec.db_allocated_storage", spec.DbAllocatedStorage, 20, 65536);
        Checks.Range(reader, "spec.db_max_allocated_storage", spec.DbMaxAllocatedStorage, 20, 65536);
        Checks.MinNotAboveMax(reader, "spec.db_allocated_storage", spec.DbAllocatedStorage, "spec.db_max_allocated_storage", spec.DbMaxAllocatedStorage);
        Checks.Pattern(reader, "spec.db_engine_version", spec.DbEngineVersion, Checks.Version(), "a PostgreSQL version such as \"16.4\" (quote it)");
        for (var i = 0; i < (spec.ExtraPostgresDbs?.Count ?? 0); i++)
            Checks.Pattern(reader, $"spec.extra_postgres_dbs[{i}]", spec.ExtraPostgresDbs![i], PostgresName, "a database name: use lower-case letters, digits and _");
        Checks.Unique(reader, "spec.extra_postgres_dbs", spec.ExtraPostgresDbs?.Cast<string?>().ToList(), "database");
        Checks.Range(reader, "spec.fsx_openzfs_storage_capacity", spec.FsxOpenzfsStorageCapacity, 64, 524288);
        Checks.Range(reader, "spec.fsx_openzfs_throughput_capacity", spec.FsxOpenzfsThroughputCapacity, 64, 10240);
        Checks.Pattern(reader, "spec.fsx_openzfs_daily_automatic_backup_start_time", spec.FsxOpenzfsDailyAutomaticBackupStartTime, Checks.ClockTime(), "a time of day (HH:MM)");
        Checks.OneOf(reader, "spec.fsx_openzfs_override_deployment_type", spec.FsxOpenzfsOverrideDeploymentType, "SINGLE_AZ_1", "SINGLE_AZ_2", "MULTI_AZ_1");
        Checks.Range(reader, "spec.vpc_az_count", spec.VpcAzCount, 1, 6);
        Checks.Cidr(reader, "spec.vpc_cidr", spec.VpcCidr);
        if (spec.ProvisionedVpc is { } vpc)
        {
            Checks.Required(reader, "spec.provisioned_vpc.vpc_id", vpc.VpcId, "the VPC id (vpc-...)");
            Checks.Cidr(reader, "spec.provisioned_vpc.cidr", vpc.Cidr);
            if (vpc.PrivateSubnets is not { Count: > 0 }) reader.Error("spec.provisioned_vpc.private_subnets", "required: the VPC's private subnet ids");
        }
        Checks.OneOf(reader, "spec.network_trust", spec.NetworkTrust, "ZERO", "SAMESITE", "FULL");
        Checks.Pattern(reader, "spec.hosted_zone_id", spec.HostedZoneId, Checks.HostedZone(), "a Route53 hosted zone id (Z...)");
        for (var i = 0; i < (spec.TrustedPrincipals?.Count ?? 0); i++)
            Checks.Pattern(reader, $"spec.trusted_principals[{i}]", spec.TrustedPrincipals![i], Checks.Arn(), "an ARN");
        foreach (var (key, cluster) in spec.Clusters ?? [])
        {
            var at = $"spec.clusters.{key}";
            if (!DateOnly.TryParseExact(key, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                reader.Error(at, $"cluster key \"{key}\" is not a date (YYYYMMDD): clusters are named by their release date");
            if (cluster.Spec is not { } c)
            {
                reader.Error(at, "a cluster needs a spec");
                continue;
            }
            Checks.Pattern(reader, $"{at}.spec.cluster_version", c.ClusterVersion, Checks.Version(), "a Kubernetes version such as \"1.33\" (quote it)");
            Checks.Range(reader, $"{at}.spec.mp_min_size", c.MpMinSize, 0, 1000);
            Checks.Range(reader, $"{at}.spec.mp_max_size", c.MpMaxSize, 1, 1000);
            Checks.MinNotAboveMax(reader, $"{at}.spec.mp_min_size", c.MpMinSize, $"{at}.spec.mp_max_size", c.MpMaxSize);
            Checks.Range(reader, $"{at}.spec.root_disk_size", c.RootDiskSize, 20, 16384);
            if (c.RoutingWeight is { } w && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > 255))
                reader.Error($"{at}.spec.routing_weight", $"\"{w}\" is not a routing weight: use a quoted whole number from 0 to 255");
            for (var i = 0; i < (c.AdditionalNodeGroups?.Count ?? 0); i++)
            {
                var g = c.AdditionalNodeGroups![i];
                Checks.Required(reader, $"{at}.spec.additional_node_groups[{i}].name", g.Name, "the node group's name");
                Checks.MinNotAboveMax(reader, $"{at}.spec.additional_node_groups[{i}].min_size", g.MinSize, $"{at}.spec.additional_node_groups[{i}].max_size", g.MaxSize);
            }
            for (var i = 0; i < (c.KarpenterConfig?.NodePools?.Count ?? 0); i++)
            {
                var pool = c.KarpenterConfig!.NodePools![i];
                Checks.Required(reader, $"{at}.spec.karpenter_config.node_pools[{i}].name", pool.Name, "the node pool's name");
                Checks.OneOf(reader, $"{at}.spec.karpenter_config.node_pools[{i}].consolidation_policy", pool.ConsolidationPolicy, "WhenEmpty", "WhenEmptyOrUnderutilized");
            }
            CheckComponents(reader, $"{at}.spec.components", c.Components);
        }
        CheckSites(reader, spec.Sites);
    }

    private static void CheckAzure(SpecReader reader, AzureWorkloadConfig spec)
    {
        Checks.Required(reader, "spec.subscription_id", spec.SubscriptionId, "the Azure subscription id");
        Checks.Guid(reader, "spec.subscription_id", spec.SubscriptionId);
        Checks.Required(reader, "spec.tenant_id", spec.TenantId, "the Azure tenant id");
        Checks.Guid(reader, "spec.tenant_id", spec.TenantId);
        Checks.Guid(reader, "spec.admin_group_id", spec.AdminGroupId);
        Checks.Required(reader, "spec.region", spec.Region, "the Azure region, e.g. eastus");
        Checks.Domain(reader, "spec.control_room_domain", spec.ControlRoomDomain);
        Checks.Domain(reader, "spec.root_domain", spec.RootDomain);
        Checks.OneOf(reader, "spec.network_trust", spec.NetworkTrust, "ZERO", "SAMESITE", "FULL");
        Checks.Range(reader, "spec.netapp_backup_retention_days", spec.NetappBackupRetentionDays, 1, 3650);
        Checks.Range(reader, "spec.netapp_snapshots_to_keep", spec.NetappSnapshotsToKeep, 0, 255);
        Checks.Pattern(reader, "spec.netapp_daily_backup_start_time", spec.NetappDailyBackupStartTime, Checks.ClockTime(), "a time of day (HH:MM)");
        Checks.Range(reader, "spec.netapp_volume_connect_capacity", spec.NetappVolumeConnectCapacity, 0, 102400);
        Checks.Range(reader, "spec.netapp_volume_workbench_capacity", spec.NetappVolumeWorkbenchCapacity, 0, 102400);
        Checks.Range(reader, "spec.netapp_volume_workbench_shared_capacity", spec.NetappVolumeWorkbenchSharedCapacity, 0, 102400);
        Checks.Range(reader, "spec.ppm_file_share_size_gib", spec.PpmFileShareSizeGib, 0, 102400);
        if (spec.Network is { } network)
        {
            Checks.Cidr(reader, "spec.network.vnet_cidr", network.VnetCidr);
            Checks.Cidr(reader, "spec.network.public_subnet_cidr", network.PublicSubnetCidr);
            Checks.Cidr(reader, "spec.network.private_subnet_cidr", network.PrivateSubnetCidr);
            Checks.Cidr(reader, "spec.network.db_subnet_cidr", network.DbSubnetCidr);
            Checks.Cidr(reader, "spec.network.netapp_subnet_cidr", network.NetappSubnetCidr);
            Checks.Cidr(reader, "spec.network.app_gateway_subnet_cidr", network.AppGatewaySubnetCidr);
            for (var i = 0; i < (network.DnsForwardDomains?.Count ?? 0); i++)
            {
                Checks.Domain(reader, $"spec.network.dns_forward_domains[{i}].host", network.DnsForwardDomains![i].Host);
                Checks.IpOrCidr(reader, $"spec.network.dns_forward_domains[{i}].ip", network.DnsForwardDomains[i].Ip);
            }
        }
        else
        {
            reader.Error("spec.network", "required: the network (at least vnet_cidr)");
        }
        foreach (var (key, cluster) in spec.Clusters ?? [])
        {
            var at = $"spec.clusters.{key}";
            Checks.Pattern(reader, $"{at}.kubernetes_version", cluster.KubernetesVersion, Checks.Version(), "a Kubernetes version such as \"1.33\" (quote it)");
            Checks.OneOf(reader, $"{at}.outbound_type", cluster.OutboundType, "LoadBalancer", "UserDefinedRouting", "ManagedNatGateway", "AssignedNatGateway");
            Checks.Range(reader, $"{at}.system_node_pool_root_disk_size", cluster.SystemNodePoolRootDiskSize, 30, 2048);
            if (cluster.UserNodePools is not { Count: > 0 })
                reader.Error($"{at}.user_node_pools", "required: at least one user node pool (name, vm_size, min_count, max_count)");
            for (var i = 0; i < (cluster.UserNodePools?.Count ?? 0); i++)
            {
                var pool = cluster.UserNodePools![i];
                var p = $"{at}.user_node_pools[{i}]";
                Checks.Required(reader, $"{p}.name", pool.Name, "the pool's name");
                Checks.Pattern(reader, $"{p}.name", pool.Name, Checks.AzurePoolName(), "an AKS pool name (1-12 lower-case letters and digits, starting with a letter)");
                Checks.Required(reader, $"{p}.vm_size", pool.VmSize, "the VM size, e.g. Standard_D8s_v6");
                Checks.Range(reader, $"{p}.min_count", pool.MinCount, 0, 1000);
                Checks.Range(reader, $"{p}.max_count", pool.MaxCount, 1, 1000);
                Checks.MinNotAboveMax(reader, $"{p}.min_count", pool.MinCount, $"{p}.max_count", pool.MaxCount);
                Checks.Range(reader, $"{p}.max_pods", pool.MaxPods, 10, 250);
            }
            Checks.Unique(reader, $"{at}.user_node_pools", cluster.UserNodePools?.Select(p => p.Name).ToList(), "pool");
            CheckComponents(reader, $"{at}.components", cluster.Components);
        }
        CheckSites(reader, spec.Sites);
    }

    private static void CheckComponents(SpecReader reader, string at, Dictionary<string, JsonNode?>? components)
    {
        foreach (var (key, value) in components ?? [])
        {
            var field = $"{at}.{key}";
            if (key.EndsWith("_version", StringComparison.Ordinal))
            {
                if (value?.GetValueKind() != JsonValueKind.String) reader.Error(field, "expected a version string (quote it)");
            }
            else if (key.EndsWith("_replicas", StringComparison.Ordinal))
            {
                if (value?.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out var n) || n < 1) reader.Error(field, "expected a whole number of replicas, at least 1");
            }
            else
            {
                reader.Error(field, $"unknown component setting \"{key}\": component settings end in _version or _replicas");
            }
        }
    }

    private static void CheckSites(SpecReader reader, Dictionary<string, PtdEntry<PtdSiteSpec>>? sites)
    {
        foreach (var (key, site) in sites ?? [])
        {
            var at = $"spec.sites.{key}";
            Checks.DnsLabel(reader, at, key);
            if (site.Spec is not { } s)
            {
                reader.Error(at, "a site needs a spec with its domain");
                continue;
            }
            Checks.Required(reader, $"{at}.spec.domain", s.Domain, "the site's domain");
            Checks.Domain(reader, $"{at}.spec.domain", s.Domain);
            Checks.Pattern(reader, $"{at}.spec.zone_id", s.ZoneId, Checks.HostedZone(), "a Route53 hosted zone id (Z...)");
            Checks.Pattern(reader, $"{at}.spec.certificate_arn", s.CertificateArn, Checks.Arn(), "an ARN");
        }
    }

    private static WorkloadTarget? Map(string name, TargetSource source, SpecReader reader, ObjectSiteLoader loader, string? controlRoom,
        Dictionary<string, PtdEntry<PtdSiteSpec>>? ptdSites, int? dbSize, List<string>? extraDbs, int? storage, string? cidr, int? zones, bool? protect, string cloud)
    {
        Checks.Required(reader, source.Kind == AwsWorkload || source.Kind == AzureWorkload ? "spec.control_room_cluster_name" : "spec", controlRoom, "the control room (a folder under __ctrl__/)");
        Checks.DnsLabel(reader, "metadata.name", name);
        var sites = new List<WorkloadSite>();
        var directory = Path.GetDirectoryName(source.File)!;
        var names = (ptdSites?.Keys ?? Enumerable.Empty<string>())
            .Concat(Directory.EnumerateDirectories(directory, "site_*").Select(d => Path.GetFileName(d)["site_".Length..]))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var site in names)
        {
            var domain = ptdSites?.GetValueOrDefault(site)?.Spec?.Domain;
            var file = Path.Combine(directory, $"site_{site}", "site.yaml");
            JsonObject spec = [];
            var position = source.PositionOf($"spec.sites.{site}");
            if (File.Exists(file))
            {
                var loaded = loader.Load(file, reader, $"spec.sites.{site}");
                if (loaded is null) continue;
                (spec, position) = loaded.Value;
            }
            else if (ptdSites?.ContainsKey(site) != true)
            {
                continue;
            }
            domain ??= spec["domain"]?.GetValueKind() == JsonValueKind.String ? spec["domain"]!.GetValue<string>() : null;
            if (domain is null)
            {
                reader.Error($"spec.sites.{site}", $"site \"{site}\" has no domain: set spec.sites.{site}.spec.domain");
                continue;
            }
            spec["domain"] = domain;
            sites.Add(new WorkloadSite(site, domain, spec, position));
        }
        if (sites.Count == 0 && reader.Errors.Count == 0)
            reader.Error("spec.sites", "a workload needs at least one site: add spec.sites.<name>.spec.domain (and site_<name>/site.yaml)");
        return new WorkloadTarget(name, source, controlRoom ?? "", null, name, null, null, sites, dbSize, extraDbs ?? [], storage, cidr, zones,
            protect == false ? "Delete" : "Retain", cloud);
    }

    private static readonly System.Text.RegularExpressions.Regex PostgresName = new("^[a-z_][a-z0-9_]{0,62}$", System.Text.RegularExpressions.RegexOptions.Compiled);
}
