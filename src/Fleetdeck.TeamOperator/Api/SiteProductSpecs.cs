using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Flightdeck within a Site; on unless <c>enabled: false</c>.</summary>
public sealed class SiteFlightdeckSpec
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }

    /// <summary>Empty: <c>docker.io/posit/ptd-flightdeck:latest</c>; with a <c>/</c>: the image; otherwise a tag of that image.</summary>
    [JsonPropertyName("image")] public string? Image { get; set; }

    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; set; }
    [JsonPropertyName("replicas")] public int? Replicas { get; set; }
    [JsonPropertyName("featureEnabler")] public FeatureEnablerConfig? FeatureEnabler { get; set; }
    [JsonPropertyName("logLevel")] public string? LogLevel { get; set; }
    [JsonPropertyName("logFormat")] public string? LogFormat { get; set; }
}

public sealed class SitePackageManagerSpec
{
    /// <summary>Fleetdeck (and later upstream): <c>false</c> removes the product. Default true.</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }

    [JsonPropertyName("license")] public LicenseSpec? License { get; set; }
    [JsonPropertyName("volume")] public VolumeSpec? Volume { get; set; }
    [JsonPropertyName("nodeSelector")] public Dictionary<string, string>? NodeSelector { get; set; }
    [JsonPropertyName("addEnv")] public Dictionary<string, string>? AddEnv { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; set; }
    [JsonPropertyName("s3Bucket")] public string? S3Bucket { get; set; }
    [JsonPropertyName("replicas")] public int? Replicas { get; set; }

    /// <summary>Default <c>packagemanager</c>.</summary>
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; set; }

    [JsonPropertyName("gitSSHKeys")] public List<SshKeyConfig>? GitSshKeys { get; set; }
    [JsonPropertyName("azureFiles")] public AzureFilesConfig? AzureFiles { get; set; }
}

public sealed class SiteConnectSpec
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("license")] public LicenseSpec? License { get; set; }
    [JsonPropertyName("volume")] public VolumeSpec? Volume { get; set; }
    [JsonPropertyName("nodeSelector")] public Dictionary<string, string>? NodeSelector { get; set; }
    [JsonPropertyName("auth")] public AuthSpec? Auth { get; set; }
    [JsonPropertyName("addEnv")] public Dictionary<string, string>? AddEnv { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("sessionImage")] public string? SessionImage { get; set; }
    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; set; }
    [JsonPropertyName("databricks")] public DatabricksConfig? Databricks { get; set; }
    [JsonPropertyName("loggedInWarning")] public string? LoggedInWarning { get; set; }
    [JsonPropertyName("publicWarning")] public string? PublicWarning { get; set; }
    [JsonPropertyName("replicas")] public int? Replicas { get; set; }
    [JsonPropertyName("experimentalFeatures")] public SiteConnectExperimentalFeatures? ExperimentalFeatures { get; set; }

    /// <summary>Default <c>connect</c>.</summary>
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; set; }

    [JsonPropertyName("gpuSettings")] public GpuSettings? GpuSettings { get; set; }
    [JsonPropertyName("databaseSettings")] public DatabaseSettings? DatabaseSettings { get; set; }

    /// <summary>Default 2, at least 0.</summary>
    [JsonPropertyName("scheduleConcurrency")] public int? ScheduleConcurrency { get; set; }
}

public sealed class GpuSettings
{
    [JsonPropertyName("nvidiaGPULimit")] public int? NvidiaGpuLimit { get; set; }
    [JsonPropertyName("maxNvidiaGPULimit")] public int? MaxNvidiaGpuLimit { get; set; }
    [JsonPropertyName("amdGPULimit")] public int? AmdGpuLimit { get; set; }
    [JsonPropertyName("maxAMDGPULimit")] public int? MaxAmdGpuLimit { get; set; }
}

public sealed class DatabaseSettings
{
    [JsonPropertyName("schema")] public string? Schema { get; set; }
    [JsonPropertyName("instrumentationSchema")] public string? InstrumentationSchema { get; set; }
}

public sealed class SiteConnectExperimentalFeatures
{
    /// <summary>Turns on SMTP, with this sender address.</summary>
    [JsonPropertyName("mailSender")] public string? MailSender { get; set; }

    [JsonPropertyName("mailDisplayName")] public string? MailDisplayName { get; set; }
    [JsonPropertyName("mailTarget")] public string? MailTarget { get; set; }
    [JsonPropertyName("dsnSecret")] public string? DsnSecret { get; set; }
    [JsonPropertyName("sessionEnvVars")] public List<V1EnvVar>? SessionEnvVars { get; set; }
    [JsonPropertyName("sessionImagePullPolicy")] public string? SessionImagePullPolicy { get; set; }
    [JsonPropertyName("sessionServiceAccountName")] public string? SessionServiceAccountName { get; set; }
    [JsonPropertyName("chronicleSidecarProductApiKeyEnabled")] public bool? ChronicleSidecarProductApiKeyEnabled { get; set; }
}

public sealed class SiteWorkbenchSpec
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("databricks")] public Dictionary<string, DatabricksConfig>? Databricks { get; set; }
    [JsonPropertyName("snowflake")] public SnowflakeConfig? Snowflake { get; set; }
    [JsonPropertyName("license")] public LicenseSpec? License { get; set; }
    [JsonPropertyName("volume")] public VolumeSpec? Volume { get; set; }
    [JsonPropertyName("additionalVolumes")] public List<VolumeSpec>? AdditionalVolumes { get; set; }
    [JsonPropertyName("nodeSelector")] public Dictionary<string, string>? NodeSelector { get; set; }
    [JsonPropertyName("tolerations")] public List<V1Toleration>? Tolerations { get; set; }
    [JsonPropertyName("sessionTolerations")] public List<V1Toleration>? SessionTolerations { get; set; }
    [JsonPropertyName("createUsersAutomatically")] public bool? CreateUsersAutomatically { get; set; }

    /// <summary>Default <c>[workbench-admin]</c>.</summary>
    [JsonPropertyName("adminGroups")] public List<string>? AdminGroups { get; set; }

    [JsonPropertyName("adminSuperuserGroups")] public List<string>? AdminSuperuserGroups { get; set; }
    [JsonPropertyName("addEnv")] public Dictionary<string, string>? AddEnv { get; set; }
    [JsonPropertyName("auth")] public AuthSpec? Auth { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; set; }

    /// <summary>Default: <c>image</c>.</summary>
    [JsonPropertyName("defaultSessionImage")] public string? DefaultSessionImage { get; set; }

    [JsonPropertyName("extraSessionImages")] public List<string>? ExtraSessionImages { get; set; }
    [JsonPropertyName("sessionInitContainerImageName")] public string? SessionInitContainerImageName { get; set; }
    [JsonPropertyName("sessionInitContainerImageTag")] public string? SessionInitContainerImageTag { get; set; }
    [JsonPropertyName("replicas")] public int? Replicas { get; set; }
    [JsonPropertyName("experimentalFeatures")] public SiteWorkbenchExperimentalFeatures? ExperimentalFeatures { get; set; }
    [JsonPropertyName("vsCodeExtensions")] public List<string>? VsCodeExtensions { get; set; }
    [JsonPropertyName("vsCodeUserSettings")] public Dictionary<string, JsonNode?>? VsCodeUserSettings { get; set; }
    [JsonPropertyName("positronConfig")] public PositronSettings? PositronConfig { get; set; }
    [JsonPropertyName("vsCodeConfig")] public VsCodeSettings? VsCodeConfig { get; set; }
    [JsonPropertyName("apiSettings")] public ApiSettings? ApiSettings { get; set; }

    /// <summary>Default <c>workbench</c>.</summary>
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; set; }

    /// <summary>At most 64 KiB.</summary>
    [JsonPropertyName("authLoginPageHtml")] public string? AuthLoginPageHtml { get; set; }

    [JsonPropertyName("jupyterConfig")] public WorkbenchJupyterConfig? JupyterConfig { get; set; }
}

public sealed class PositronSettings
{
    [JsonPropertyName("enabled")] public int? Enabled { get; set; }
    [JsonPropertyName("exe")] public string? Exe { get; set; }
    [JsonPropertyName("args")] public string? Args { get; set; }
    [JsonPropertyName("defaultSessionContainerImage")] public string? DefaultSessionContainerImage { get; set; }
    [JsonPropertyName("sessionContainerImages")] public List<string>? SessionContainerImages { get; set; }
    [JsonPropertyName("positronSessionPath")] public string? PositronSessionPath { get; set; }
    [JsonPropertyName("sessionNoProfile")] public int? SessionNoProfile { get; set; }
    [JsonPropertyName("userDataDir")] public string? UserDataDir { get; set; }
    [JsonPropertyName("allowFileDownloads")] public int? AllowFileDownloads { get; set; }
    [JsonPropertyName("allowFileUploads")] public int? AllowFileUploads { get; set; }
    [JsonPropertyName("sessionTimeoutKillHours")] public int? SessionTimeoutKillHours { get; set; }
    [JsonPropertyName("extensions")] public List<string>? Extensions { get; set; }
    [JsonPropertyName("userSettings")] public Dictionary<string, JsonNode?>? UserSettings { get; set; }
}

public sealed class VsCodeSettings
{
    [JsonPropertyName("enabled")] public int? Enabled { get; set; }
    [JsonPropertyName("exe")] public string? Exe { get; set; }
    [JsonPropertyName("args")] public string? Args { get; set; }

    /// <summary>Default 1.</summary>
    [JsonPropertyName("sessionTimeoutKillHours")] public int? SessionTimeoutKillHours { get; set; }
}

public sealed class ApiSettings
{
    [JsonPropertyName("workbenchApiEnabled")] public int? WorkbenchApiEnabled { get; set; }
    [JsonPropertyName("workbenchApiAdminEnabled")] public int? WorkbenchApiAdminEnabled { get; set; }
    [JsonPropertyName("workbenchApiSuperAdminEnabled")] public int? WorkbenchApiSuperAdminEnabled { get; set; }
}

public sealed class SiteWorkbenchExperimentalFeatures
{
    [JsonPropertyName("enableManagedCredentialJobs")] public bool? EnableManagedCredentialJobs { get; set; }
    [JsonPropertyName("nonRoot")] public bool? NonRoot { get; set; }
    [JsonPropertyName("sessionServiceAccountName")] public string? SessionServiceAccountName { get; set; }
    [JsonPropertyName("sessionEnvVars")] public List<V1EnvVar>? SessionEnvVars { get; set; }
    [JsonPropertyName("sessionImagePullPolicy")] public string? SessionImagePullPolicy { get; set; }
    [JsonPropertyName("privilegedSessions")] public bool? PrivilegedSessions { get; set; }
    [JsonPropertyName("databricksForceEnabled")] public bool? DatabricksForceEnabled { get; set; }
    [JsonPropertyName("dsnSecret")] public string? DsnSecret { get; set; }

    /// <summary>Default 16.</summary>
    [JsonPropertyName("wwwThreadPoolSize")] public int? WwwThreadPoolSize { get; set; }

    [JsonPropertyName("firstProjectTemplatePath")] public string? FirstProjectTemplatePath { get; set; }

    /// <summary>Default 30.</summary>
    [JsonPropertyName("launcherSessionsProxyTimeoutSecs")] public int? LauncherSessionsProxyTimeoutSecs { get; set; }

    [JsonPropertyName("vsCodeExtensionsDir")] public string? VsCodeExtensionsDir { get; set; }
    [JsonPropertyName("resourceProfiles")] public Dictionary<string, WorkbenchResourceProfile>? ResourceProfiles { get; set; }

    /// <summary>A decimal in [0, 1]; default <c>"0.6"</c>.</summary>
    [JsonPropertyName("cpuRequestRatio")] public string? CpuRequestRatio { get; set; }

    /// <summary>A decimal in [0, 1]; default <c>"0.8"</c>.</summary>
    [JsonPropertyName("memoryRequestRatio")] public string? MemoryRequestRatio { get; set; }

    /// <summary><c>no</c>, <c>ask</c> or <c>yes</c> (Fleetdeck and upstream write <c>no</c> when empty).</summary>
    [JsonPropertyName("sessionSaveActionDefault")] public string? SessionSaveActionDefault { get; set; }

    [JsonPropertyName("vsCodePath")] public string? VsCodePath { get; set; }
    [JsonPropertyName("launcherEnvPath")] public string? LauncherEnvPath { get; set; }
    [JsonPropertyName("chronicleSidecarProductApiKeyEnabled")] public bool? ChronicleSidecarProductApiKeyEnabled { get; set; }
    [JsonPropertyName("forceAdminUiEnabled")] public bool? ForceAdminUiEnabled { get; set; }
}

public sealed class SiteChronicleSpec
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("nodeSelector")] public Dictionary<string, string>? NodeSelector { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("addEnv")] public Dictionary<string, string>? AddEnv { get; set; }
    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; set; }

    /// <summary>Store telemetry in this S3 bucket (prefix <c>&lt;site&gt;/chr-v0</c>); empty: a local volume.</summary>
    [JsonPropertyName("s3Bucket")] public string? S3Bucket { get; set; }

    /// <summary>The sidecar image put into product pods.</summary>
    [JsonPropertyName("agentImage")] public string? AgentImage { get; set; }
}

public sealed class SiteKeycloakSpec
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; set; }
    [JsonPropertyName("nodeSelector")] public Dictionary<string, string>? NodeSelector { get; set; }
}
