using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api.ThirdParty;

/// <summary>The Secrets Store CSI driver's <c>SecretProviderClass</c> (<c>secrets-store.csi.x-k8s.io/v1</c>), as used with the aws provider.</summary>
[KubernetesEntity(Group = "secrets-store.csi.x-k8s.io", ApiVersion = "v1", Kind = "SecretProviderClass", PluralName = "secretproviderclasses")]
public sealed class SecretProviderClass : CustomResource<SecretProviderClassSpec, ResourceStatus>;

public sealed class SecretProviderClassSpec
{
    [JsonPropertyName("provider")]
    public string? Provider { get; set; }

    /// <summary>Provider parameters; for aws, <c>objects</c> is a YAML list of the secrets and the JMES paths mounted.</summary>
    [JsonPropertyName("parameters")]
    public Dictionary<string, string>? Parameters { get; set; }

    /// <summary>Kubernetes Secrets the driver keeps in sync with the mounted objects.</summary>
    [JsonPropertyName("secretObjects")]
    public List<SecretObject>? SecretObjects { get; set; }
}

public sealed class SecretObject
{
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("data")]
    public List<SecretObjectData>? Data { get; set; }
}

public sealed class SecretObjectData
{
    [JsonPropertyName("objectName")]
    public string? ObjectName { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }
}
