using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Posit Chronicle, the telemetry service (<c>core.posit.team/v1beta1</c>, short names <c>pcr</c>, <c>chr</c>).</summary>
[KubernetesEntity(Group = TeamKinds.Group, ApiVersion = TeamKinds.Version, Kind = "Chronicle", PluralName = "chronicles")]
public sealed class Chronicle : CustomResource<ChronicleSpec, ProductStatus>;

public sealed class ChronicleSpec
{
    [JsonPropertyName("config")]
    public ChronicleConfig? Config { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<string>? ImagePullSecrets { get; set; }

    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("addEnv")]
    public Dictionary<string, string>? AddEnv { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("awsAccountId")]
    public string? AwsAccountId { get; set; }

    [JsonPropertyName("clusterDate")]
    public string? ClusterDate { get; set; }

    [JsonPropertyName("workloadCompoundName")]
    public string? WorkloadCompoundName { get; set; }
}

/// <summary><c>posit-chronicle.gcfg</c>, one property per section.</summary>
public sealed class ChronicleConfig
{
    [JsonPropertyName("Http")] public ChronicleHttpConfig? Http { get; set; }
    [JsonPropertyName("Metrics")] public ChronicleMetricsConfig? Metrics { get; set; }
    [JsonPropertyName("Profiling")] public ChronicleProfilingConfig? Profiling { get; set; }
    [JsonPropertyName("S3Storage")] public ChronicleS3StorageConfig? S3Storage { get; set; }
    [JsonPropertyName("LocalStorage")] public ChronicleLocalStorageConfig? LocalStorage { get; set; }
    [JsonPropertyName("Logging")] public ChronicleLoggingConfig? Logging { get; set; }
}

public sealed class ChronicleHttpConfig
{
    [JsonPropertyName("Listen")] public string? Listen { get; set; }
}

public sealed class ChronicleMetricsConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("Listen")] public string? Listen { get; set; }
}

public sealed class ChronicleProfilingConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("Listen")] public string? Listen { get; set; }
}

public sealed class ChronicleS3StorageConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("Bucket")] public string? Bucket { get; set; }
    [JsonPropertyName("Region")] public string? Region { get; set; }
    [JsonPropertyName("Prefix")] public string? Prefix { get; set; }
}

public sealed class ChronicleLocalStorageConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("Location")] public string? Location { get; set; }
}

public sealed class ChronicleLoggingConfig
{
    [JsonPropertyName("ServiceLog")] public string? ServiceLog { get; set; }
    [JsonPropertyName("ServiceLogLevel")] public string? ServiceLogLevel { get; set; }
    [JsonPropertyName("ServiceLogFormat")] public string? ServiceLogFormat { get; set; }
}
