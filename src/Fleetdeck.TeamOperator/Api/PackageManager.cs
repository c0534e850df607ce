using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Posit Package Manager (<c>core.posit.team/v1beta1</c>, short names <c>pm</c>, <c>pms</c>).</summary>
[KubernetesEntity(Group = TeamKinds.Group, ApiVersion = TeamKinds.Version, Kind = "PackageManager", PluralName = "packagemanagers")]
public sealed class PackageManager : CustomResource<PackageManagerSpec, KeyedProductStatus>;

public sealed class PackageManagerSpec : ProductSpecBase
{
    [JsonPropertyName("config")]
    public PackageManagerConfig? Config { get; set; }

    [JsonPropertyName("gitSSHKeys")]
    public List<SshKeyConfig>? GitSshKeys { get; set; }

    [JsonPropertyName("azureFiles")]
    public AzureFilesConfig? AzureFiles { get; set; }
}

/// <summary><c>rstudio-pm.gcfg</c>, one property per section.</summary>
public sealed class PackageManagerConfig
{
    [JsonPropertyName("Server")] public PackageManagerServerConfig? Server { get; set; }
    [JsonPropertyName("Http")] public PackageManagerHttpConfig? Http { get; set; }
    [JsonPropertyName("Git")] public PackageManagerGitConfig? Git { get; set; }
    [JsonPropertyName("Database")] public PackageManagerDatabaseConfig? Database { get; set; }
    [JsonPropertyName("Postgres")] public PackageManagerPostgresConfig? Postgres { get; set; }
    [JsonPropertyName("Storage")] public PackageManagerStorageConfig? Storage { get; set; }
    [JsonPropertyName("S3Storage")] public PackageManagerS3StorageConfig? S3Storage { get; set; }
    [JsonPropertyName("Metrics")] public PackageManagerMetricsConfig? Metrics { get; set; }
    [JsonPropertyName("Repos")] public PackageManagerReposConfig? Repos { get; set; }
    [JsonPropertyName("Debug")] public PackageManagerDebugConfig? Debug { get; set; }
}

public sealed class PackageManagerServerConfig
{
    [JsonPropertyName("Address")] public string? Address { get; set; }
    [JsonPropertyName("RVersion")] public List<string>? RVersion { get; set; }
    [JsonPropertyName("LauncherDir")] public string? LauncherDir { get; set; }
    [JsonPropertyName("AccessLog")] public string? AccessLog { get; set; }
    [JsonPropertyName("AccessLogFormat")] public string? AccessLogFormat { get; set; }
    [JsonPropertyName("DataDir")] public string? DataDir { get; set; }
}

public sealed class PackageManagerHttpConfig
{
    [JsonPropertyName("Listen")] public string? Listen { get; set; }
}

public sealed class PackageManagerGitConfig
{
    [JsonPropertyName("AllowUnsandboxedGitBuilds")] public bool? AllowUnsandboxedGitBuilds { get; set; }
}

public sealed class PackageManagerDatabaseConfig
{
    [JsonPropertyName("Provider")] public string? Provider { get; set; }
}

public sealed class PackageManagerPostgresConfig
{
    [JsonPropertyName("URL")] public string? Url { get; set; }
    [JsonPropertyName("UsageDataURL")] public string? UsageDataUrl { get; set; }
}

public sealed class PackageManagerStorageConfig
{
    [JsonPropertyName("Default")] public string? Default { get; set; }
}

public sealed class PackageManagerS3StorageConfig
{
    [JsonPropertyName("Bucket")] public string? Bucket { get; set; }
    [JsonPropertyName("Prefix")] public string? Prefix { get; set; }
    [JsonPropertyName("Region")] public string? Region { get; set; }
}

public sealed class PackageManagerMetricsConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
}

public sealed class PackageManagerReposConfig
{
    [JsonPropertyName("PyPI")] public string? PyPI { get; set; }
    [JsonPropertyName("CRAN")] public string? Cran { get; set; }
    [JsonPropertyName("Bioconductor")] public string? Bioconductor { get; set; }
}

public sealed class PackageManagerDebugConfig
{
    [JsonPropertyName("Log")] public string? Log { get; set; }
}
