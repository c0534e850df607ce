using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Api;

/// <summary>
/// A request to an existing infrastructure engine (Crossplane style) for one org's database and bucket
/// (<c>provisioning.fleetdeck.dev/v1alpha1</c>, in the org's namespace, named by the org id). Fleetdeck writes the spec;
/// the engine writes the status (<c>Ready</c> and <c>Synced</c> conditions, endpoint, bucket, role ARN, password secret).
/// </summary>
[KubernetesEntity(Group = ProvisioningGroup.Name, ApiVersion = ProvisioningGroup.Version, Kind = "InfrastructureClaim", PluralName = "infrastructureclaims")]
public sealed class InfrastructureClaim : CustomResource<InfrastructureClaimSpec, InfrastructureClaimStatus>;

public sealed class InfrastructureClaimSpec
{
    [JsonPropertyName("orgId")]
    public string? OrgId { get; set; }

    [JsonPropertyName("database")]
    public ClaimDatabaseSpec? Database { get; set; }

    [JsonPropertyName("bucket")]
    public ClaimBucketSpec? Bucket { get; set; }

    /// <summary>The org's network, when the engine makes one (a cloud workload's VPC or VNet).</summary>
    [JsonPropertyName("network")]
    public ClaimNetworkSpec? Network { get; set; }

    /// <summary><c>Delete</c> or <c>Orphan</c> (the external resources outlive the claim), as Crossplane's deletion policy.</summary>
    [JsonPropertyName("deletionPolicy")]
    public string? DeletionPolicy { get; set; }
}

public sealed class ClaimDatabaseSpec
{
    [JsonPropertyName("engine")]
    public string? Engine { get; set; }

    [JsonPropertyName("sizeGi")]
    public int? SizeGi { get; set; }
}

public sealed class ClaimNetworkSpec
{
    /// <summary>The address range, e.g. <c>10.40.0.0/16</c>.</summary>
    [JsonPropertyName("cidr")]
    public string? Cidr { get; set; }

    /// <summary>How many availability zones the network spans.</summary>
    [JsonPropertyName("zoneCount")]
    public int? ZoneCount { get; set; }
}

public sealed class ClaimBucketSpec
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("sizeGi")]
    public int? SizeGi { get; set; }
}

public sealed class InfrastructureClaimStatus : ResourceStatus
{
    /// <summary>The database server, <c>host:port</c>.</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>The database's admin user (the org's role).</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("database")]
    public string? Database { get; set; }

    [JsonPropertyName("bucket")]
    public string? Bucket { get; set; }

    [JsonPropertyName("roleArn")]
    public string? RoleArn { get; set; }

    /// <summary>The Secret holding the user's password.</summary>
    [JsonPropertyName("passwordSecretRef")]
    public ClaimSecretReference? PasswordSecretRef { get; set; }
}

public sealed class ClaimSecretReference
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }
}
