using System.Text.Json.Serialization;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>How a product is licensed: <c>type</c> <c>""</c>/<c>FILE</c> (a file from a secret) or <c>KEY</c> (an activation key).</summary>
public sealed class LicenseSpec
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The activation key for <c>type: KEY</c> (upstream drops it; Fleetdeck stores it in a Secret and passes it by reference).</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>Kubernetes backend: the Secret holding the licence file (default <c>&lt;component&gt;-license</c>).</summary>
    [JsonPropertyName("existingSecretName")]
    public string? ExistingSecretName { get; set; }

    /// <summary>Kubernetes backend: the key of the licence file in that Secret (default <c>license.lic</c>).</summary>
    [JsonPropertyName("existingSecretKey")]
    public string? ExistingSecretKey { get; set; }
}

/// <summary>A PersistentVolumeClaim to create (<c>create: true</c>) or an existing one to mount (<c>pvcName</c>).</summary>
public sealed class VolumeSpec
{
    [JsonPropertyName("create")]
    public bool? Create { get; set; }

    [JsonPropertyName("accessModes")]
    public List<string>? AccessModes { get; set; }

    [JsonPropertyName("volumeName")]
    public string? VolumeName { get; set; }

    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    [JsonPropertyName("size")]
    public string? Size { get; set; }

    [JsonPropertyName("pvcName")]
    public string? PvcName { get; set; }

    [JsonPropertyName("mountPath")]
    public string? MountPath { get; set; }

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }
}

/// <summary>Sign-in: <c>password</c>, <c>oidc</c> or <c>saml</c>, with the claims, attributes and role mappings each uses.</summary>
public sealed class AuthSpec
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("clientId")]
    public string? ClientId { get; set; }

    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    [JsonPropertyName("groups")]
    public bool? Groups { get; set; }

    [JsonPropertyName("usernameClaim")]
    public string? UsernameClaim { get; set; }

    [JsonPropertyName("emailClaim")]
    public string? EmailClaim { get; set; }

    [JsonPropertyName("uniqueIdClaim")]
    public string? UniqueIdClaim { get; set; }

    [JsonPropertyName("groupsClaim")]
    public string? GroupsClaim { get; set; }

    [JsonPropertyName("disableGroupsClaim")]
    public bool? DisableGroupsClaim { get; set; }

    [JsonPropertyName("samlMetadataUrl")]
    public string? SamlMetadataUrl { get; set; }

    /// <summary>A SAML attribute profile; exclusive with the individual <c>saml*Attribute</c> fields.</summary>
    [JsonPropertyName("samlIdPAttributeProfile")]
    public string? SamlIdPAttributeProfile { get; set; }

    [JsonPropertyName("samlUsernameAttribute")]
    public string? SamlUsernameAttribute { get; set; }

    [JsonPropertyName("samlFirstNameAttribute")]
    public string? SamlFirstNameAttribute { get; set; }

    [JsonPropertyName("samlLastNameAttribute")]
    public string? SamlLastNameAttribute { get; set; }

    [JsonPropertyName("samlEmailAttribute")]
    public string? SamlEmailAttribute { get; set; }

    [JsonPropertyName("scopes")]
    public List<string>? Scopes { get; set; }

    [JsonPropertyName("viewerRoleMapping")]
    public List<string>? ViewerRoleMapping { get; set; }

    [JsonPropertyName("publisherRoleMapping")]
    public List<string>? PublisherRoleMapping { get; set; }

    [JsonPropertyName("administratorRoleMapping")]
    public List<string>? AdministratorRoleMapping { get; set; }

    [JsonIgnore]
    public bool HasSamlAttributes =>
        !string.IsNullOrEmpty(SamlUsernameAttribute) || !string.IsNullOrEmpty(SamlFirstNameAttribute) ||
        !string.IsNullOrEmpty(SamlLastNameAttribute) || !string.IsNullOrEmpty(SamlEmailAttribute);
}

/// <summary>Where a product's database lives and how it is used; the Site fills in host and sslMode from the main database URL.</summary>
public sealed class PostgresDatabaseConfig
{
    [JsonPropertyName("host")]
    public string? Host { get; set; }

    [JsonPropertyName("sslMode")]
    public string? SslMode { get; set; }

    [JsonPropertyName("dropOnTeardown")]
    public bool? DropOnTeardown { get; set; }

    [JsonPropertyName("schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("instrumentationSchema")]
    public string? InstrumentationSchema { get; set; }
}

public sealed class DatabricksConfig
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("clientId")]
    public string? ClientId { get; set; }

    [JsonPropertyName("tenantId")]
    public string? TenantId { get; set; }
}

public sealed class SnowflakeConfig
{
    [JsonPropertyName("accountId")]
    public string? AccountId { get; set; }

    [JsonPropertyName("clientId")]
    public string? ClientId { get; set; }
}

public sealed class FeatureEnablerConfig
{
    [JsonPropertyName("showConfig")]
    public bool? ShowConfig { get; set; }

    [JsonPropertyName("showAcademy")]
    public bool? ShowAcademy { get; set; }
}

public sealed class AzureFilesConfig
{
    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    [JsonPropertyName("shareSizeGiB")]
    public int? ShareSizeGiB { get; set; }
}

/// <summary>An SSH key for Package Manager's Git builders.</summary>
public sealed class SshKeyConfig
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }

    [JsonPropertyName("secretRef")]
    public SecretReference? SecretRef { get; set; }

    [JsonPropertyName("passphraseSecretRef")]
    public SecretReference? PassphraseSecretRef { get; set; }
}

/// <summary>A secret in a secret manager: <c>source</c> <c>aws-secrets-manager</c>, <c>kubernetes</c> or <c>azure-key-vault</c>.</summary>
public sealed class SecretReference
{
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }
}
