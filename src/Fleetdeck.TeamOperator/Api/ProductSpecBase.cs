using System.Text.Json.Serialization;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>The fields Connect, Workbench and Package Manager share, with upstream's JSON names.</summary>
public abstract class ProductSpecBase
{
    [JsonPropertyName("license")]
    public LicenseSpec? License { get; set; }

    [JsonPropertyName("volume")]
    public VolumeSpec? Volume { get; set; }

    /// <summary>Deprecated upstream in favour of <c>secret.type</c>; read when <c>secret.type</c> is empty.</summary>
    [JsonPropertyName("secretType")]
    public string? SecretType { get; set; }

    /// <summary>The product's host name (without scheme), e.g. <c>connect.example.com</c>.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("databaseConfig")]
    public PostgresDatabaseConfig? DatabaseConfig { get; set; }

    [JsonPropertyName("ingressClass")]
    public string? IngressClass { get; set; }

    [JsonPropertyName("ingressAnnotations")]
    public Dictionary<string, string>? IngressAnnotations { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<string>? ImagePullSecrets { get; set; }

    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("addEnv")]
    public Dictionary<string, string>? AddEnv { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    /// <summary>Run <c>sleep infinity</c> instead of the product, to debug a crash-looping container.</summary>
    [JsonPropertyName("sleep")]
    public bool? Sleep { get; set; }

    [JsonPropertyName("awsAccountId")]
    public string? AwsAccountId { get; set; }

    [JsonPropertyName("clusterDate")]
    public string? ClusterDate { get; set; }

    [JsonPropertyName("workloadCompoundName")]
    public string? WorkloadCompoundName { get; set; }

    [JsonPropertyName("chronicleImage")]
    public string? ChronicleImage { get; set; }

    [JsonPropertyName("secret")]
    public SecretConfig? Secret { get; set; }

    [JsonPropertyName("workloadSecret")]
    public SecretConfig? WorkloadSecret { get; set; }

    [JsonPropertyName("mainDatabaseCredentialSecret")]
    public SecretConfig? MainDatabaseCredentialSecret { get; set; }

    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>The secret backend in effect: <c>secret.type</c>, else the deprecated <c>secretType</c>.</summary>
    [JsonIgnore]
    public string EffectiveSecretType => !string.IsNullOrEmpty(Secret?.Type) ? Secret.Type : SecretType ?? "";
}
