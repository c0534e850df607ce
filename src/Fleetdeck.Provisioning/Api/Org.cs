using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Api;

/// <summary>
/// One customer's dedicated deployment (<c>provisioning.fleetdeck.dev/v1alpha1</c>, cluster-scoped, named by the org id):
/// its infrastructure (a database role and databases, storage), its Site, and its lifecycle. The spec is what the last
/// provision request asked for; the status is written by the Org controller only, always compare-and-swap.
/// </summary>
[KubernetesEntity(Group = ProvisioningGroup.Name, ApiVersion = ProvisioningGroup.Version, Kind = "Org", PluralName = "orgs")]
public sealed class Org : CustomResource<OrgSpec, OrgStatus>
{
    public string Id => Metadata.Name;

    public string Namespace => ProvisioningGroup.NamespaceOf(Metadata.Name);
}

public sealed class OrgSpec
{
    /// <summary>The Site's domain; products are served on <c>&lt;product&gt;.&lt;domain&gt;</c>.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    /// <summary>Products of the org's Site: <c>connect</c>, <c>workbench</c>, <c>packageManager</c>, <c>chronicle</c>, <c>flightdeck</c>.</summary>
    [JsonPropertyName("products")]
    public List<string>? Products { get; set; }

    [JsonPropertyName("database")]
    public OrgDatabaseSpec? Database { get; set; }

    [JsonPropertyName("storage")]
    public OrgStorageSpec? Storage { get; set; }

    /// <summary>What deprovisioning keeps: <c>Retain</c> (the default: databases and storage stay, logins go) or <c>Delete</c>.</summary>
    [JsonPropertyName("retentionPolicy")]
    public string? RetentionPolicy { get; set; }

    /// <summary>Set by a deprovision request: the org's Site and infrastructure are to be removed.</summary>
    [JsonPropertyName("deprovisioned")]
    public bool? Deprovisioned { get; set; }
}

public sealed class OrgDatabaseSpec
{
    [JsonPropertyName("sizeGi")]
    public int? SizeGi { get; set; }
}

public sealed class OrgStorageSpec
{
    [JsonPropertyName("sizeGi")]
    public int? SizeGi { get; set; }
}
