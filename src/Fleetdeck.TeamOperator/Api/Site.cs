using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// A Posit Team site (<c>core.posit.team/v1beta1</c>): one domain and the products served on it. The Site controller
/// makes one product object per enabled product, named as the Site and owned by it.
/// </summary>
[KubernetesEntity(Group = TeamKinds.Group, ApiVersion = TeamKinds.Version, Kind = "Site", PluralName = "sites")]
public sealed class Site : CustomResource<SiteSpec, ResourceStatus>;

public sealed class SiteSpec
{
    /// <summary>The IRSA annotations' AWS account.</summary>
    [JsonPropertyName("awsAccountId")]
    public string? AwsAccountId { get; set; }

    /// <summary>The cluster's date id (<c>YYYYmmdd</c>), part of IRSA role names.</summary>
    [JsonPropertyName("clusterDate")]
    public string? ClusterDate { get; set; }

    [JsonPropertyName("workloadCompoundName")]
    public string? WorkloadCompoundName { get; set; }

    /// <summary>The Site's domain; products are served on <c>&lt;domainPrefix&gt;.&lt;domain&gt;</c>. Required.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    /// <summary>Deprecated upstream: use <c>secret.type</c>.</summary>
    [JsonPropertyName("secretType")]
    public string? SecretType { get; set; }

    [JsonPropertyName("flightdeck")]
    public SiteFlightdeckSpec? Flightdeck { get; set; }

    [JsonPropertyName("packageManager")]
    public SitePackageManagerSpec? PackageManager { get; set; }

    [JsonPropertyName("connect")]
    public SiteConnectSpec? Connect { get; set; }

    [JsonPropertyName("workbench")]
    public SiteWorkbenchSpec? Workbench { get; set; }

    [JsonPropertyName("chronicle")]
    public SiteChronicleSpec? Chronicle { get; set; }

    [JsonPropertyName("keycloak")]
    public SiteKeycloakSpec? Keycloak { get; set; }

    [JsonPropertyName("ingressClass")]
    public string? IngressClass { get; set; }

    [JsonPropertyName("ingressAnnotations")]
    public Dictionary<string, string>? IngressAnnotations { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<string>? ImagePullSecrets { get; set; }

    [JsonPropertyName("volumeSource")]
    public VolumeSource? VolumeSource { get; set; }

    /// <summary>A directory (no slashes) mounted into Workbench and Connect at <c>/mnt/&lt;sharedDirectory&gt;</c>.</summary>
    [JsonPropertyName("sharedDirectory")]
    public string? SharedDirectory { get; set; }

    [JsonPropertyName("volumeSubdirJobOff")]
    public bool? VolumeSubdirJobOff { get; set; }

    [JsonPropertyName("extraSiteServiceAccounts")]
    public List<ServiceAccountConfig>? ExtraSiteServiceAccounts { get; set; }

    /// <summary>Where product secrets live (<c>vaultName</c>, <c>type</c> kubernetes or aws).</summary>
    [JsonPropertyName("secret")]
    public SecretConfig? Secret { get; set; }

    /// <summary>Where the workload's secrets live, among them <c>main-database-url</c>.</summary>
    [JsonPropertyName("workloadSecret")]
    public SecretConfig? WorkloadSecret { get; set; }

    [JsonPropertyName("disablePrePullImages")]
    public bool? DisablePrePullImages { get; set; }

    [JsonPropertyName("mainDatabaseCredentialSecret")]
    public SecretConfig? MainDatabaseCredentialSecret { get; set; }

    /// <summary>Drop the products' databases when they are removed (upstream's spelling: <c>TearDown</c>).</summary>
    [JsonPropertyName("dropDatabaseOnTearDown")]
    public bool? DropDatabaseOnTearDown { get; set; }

    [JsonPropertyName("debug")]
    public bool? Debug { get; set; }

    /// <summary><c>""</c> (text) or <c>JSON</c>.</summary>
    [JsonPropertyName("logFormat")]
    public string? LogFormat { get; set; }

    /// <summary>0..100 (default 100); at 50 or below, NetworkPolicies restrict what each product may reach.</summary>
    [JsonPropertyName("networkTrust")]
    public int? NetworkTrust { get; set; }

    /// <summary>The Package Manager URL Workbench and Connect use; default: this Site's own Package Manager.</summary>
    [JsonPropertyName("packageManagerUrl")]
    public string? PackageManagerUrl { get; set; }

    [JsonPropertyName("efsEnabled")]
    public bool? EfsEnabled { get; set; }

    [JsonPropertyName("vpcCIDR")]
    public string? VpcCidr { get; set; }

    /// <summary>Default true.</summary>
    [JsonPropertyName("enableFqdnHealthChecks")]
    public bool? EnableFqdnHealthChecks { get; set; }

    // Fleetdeck's own fields: values upstream hard-codes, with upstream's value as the default.

    /// <summary>AWS region for S3 storage (Chronicle, Package Manager). Default <c>us-east-2</c> (upstream hard-codes it).</summary>
    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; set; }

    /// <summary>The Linux distribution of the binary R repository URL. Default <c>jammy</c> (upstream hard-codes it).</summary>
    [JsonPropertyName("packageManagerDistro")]
    public string? PackageManagerDistro { get; set; }

    /// <summary>The private network products may reach on 443/5432 when <c>networkTrust</c> ≤ 50. Default <c>10.0.0.0/8</c>.</summary>
    [JsonPropertyName("privateNetworkCIDR")]
    public string? PrivateNetworkCidr { get; set; }

    /// <summary>Where off-host sessions run. Default: the Site's own namespace (upstream hard-codes <c>posit-team</c>).</summary>
    [JsonPropertyName("sessionNamespace")]
    public string? SessionNamespace { get; set; }
}

public sealed class VolumeSource
{
    /// <summary><c>""</c> (none), <c>fsx-zfs</c>, <c>nfs</c> or <c>azure-netapp</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("volumeId")]
    public string? VolumeId { get; set; }

    [JsonPropertyName("dnsName")]
    public string? DnsName { get; set; }
}

public sealed class ServiceAccountConfig
{
    [JsonPropertyName("nameSuffix")]
    public string? NameSuffix { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }
}
