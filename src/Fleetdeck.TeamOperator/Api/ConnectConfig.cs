using System.Text.Json.Serialization;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// <c>rstudio-connect.gcfg</c> as an object: one property per section, spelled as the gcfg section (and as upstream's JSON).
/// Unset fields are not written; fields set to <c>false</c> or <c>0</c> are.
/// </summary>
public sealed class ConnectConfig
{
    [JsonPropertyName("Server")] public ConnectServerConfig? Server { get; set; }
    [JsonPropertyName("Http")] public ConnectHttpConfig? Http { get; set; }
    [JsonPropertyName("Metrics")] public ConnectMetricsConfig? Metrics { get; set; }
    [JsonPropertyName("Database")] public ConnectDatabaseConfig? Database { get; set; }
    [JsonPropertyName("Postgres")] public ConnectPostgresConfig? Postgres { get; set; }
    [JsonPropertyName("Logging")] public ConnectLoggingConfig? Logging { get; set; }
    [JsonPropertyName("Launcher")] public ConnectLauncherConfig? Launcher { get; set; }
    [JsonPropertyName("Authentication")] public ConnectAuthenticationConfig? Authentication { get; set; }
    [JsonPropertyName("Authorization")] public ConnectAuthorizationConfig? Authorization { get; set; }
    [JsonPropertyName("Applications")] public ConnectApplicationsConfig? Applications { get; set; }
    [JsonPropertyName("OAuth2")] public ConnectOAuth2Config? OAuth2 { get; set; }
    [JsonPropertyName("R")] public ConnectRConfig? R { get; set; }
    [JsonPropertyName("Python")] public ConnectPythonConfig? Python { get; set; }
    [JsonPropertyName("Quarto")] public ConnectQuartoConfig? Quarto { get; set; }
    [JsonPropertyName("SAML")] public ConnectSamlConfig? Saml { get; set; }
    [JsonPropertyName("Scheduler")] public ConnectSchedulerConfig? Scheduler { get; set; }

    /// <summary>Written as <c>[RPackageRepository "name"]</c> sections, sorted by name.</summary>
    [JsonPropertyName("RPackageRepositories")] public Dictionary<string, RPackageRepositoryConfig>? RPackageRepositories { get; set; }

    [JsonPropertyName("TableauIntegration")] public ConnectTableauIntegrationConfig? TableauIntegration { get; set; }
}

public sealed class RPackageRepositoryConfig
{
    [JsonPropertyName("Url")] public string? Url { get; set; }
}

public sealed class ConnectServerConfig
{
    [JsonPropertyName("Address")] public string? Address { get; set; }
    [JsonPropertyName("DataDir")] public string? DataDir { get; set; }
    [JsonPropertyName("FrameOptionsContent")] public string? FrameOptionsContent { get; set; }
    [JsonPropertyName("FrameOptionsDashboard")] public string? FrameOptionsDashboard { get; set; }
    [JsonPropertyName("LoggedInWarning")] public string? LoggedInWarning { get; set; }
    [JsonPropertyName("PublicWarning")] public string? PublicWarning { get; set; }
    [JsonPropertyName("ProxyHeaderLogging")] public bool? ProxyHeaderLogging { get; set; }
    [JsonPropertyName("EmailProvider")] public string? EmailProvider { get; set; }
    [JsonPropertyName("SenderEmail")] public string? SenderEmail { get; set; }
    [JsonPropertyName("SenderEmailDisplayName")] public string? SenderEmailDisplayName { get; set; }
    [JsonPropertyName("EmailTo")] public string? EmailTo { get; set; }
    [JsonPropertyName("HideEmailAddresses")] public bool? HideEmailAddresses { get; set; }
    [JsonPropertyName("DefaultContentListView")] public string? DefaultContentListView { get; set; }
}

public sealed class ConnectHttpConfig
{
    [JsonPropertyName("ForceSecure")] public bool? ForceSecure { get; set; }
    [JsonPropertyName("Listen")] public string? Listen { get; set; }
}

public sealed class ConnectMetricsConfig
{
    [JsonPropertyName("PrometheusListen")] public string? PrometheusListen { get; set; }
}

public sealed class ConnectDatabaseConfig
{
    [JsonPropertyName("Provider")] public string? Provider { get; set; }
}

public sealed class ConnectPostgresConfig
{
    [JsonPropertyName("URL")] public string? Url { get; set; }
    [JsonPropertyName("InstrumentationURL")] public string? InstrumentationUrl { get; set; }
}

public sealed class ConnectLoggingConfig
{
    [JsonPropertyName("ServiceLog")] public string? ServiceLog { get; set; }
    [JsonPropertyName("ServiceLogLevel")] public string? ServiceLogLevel { get; set; }
    [JsonPropertyName("ServiceLogFormat")] public string? ServiceLogFormat { get; set; }
    [JsonPropertyName("AccessLog")] public string? AccessLog { get; set; }
    [JsonPropertyName("AccessLogFormat")] public string? AccessLogFormat { get; set; }
    [JsonPropertyName("AuditLog")] public string? AuditLog { get; set; }
    [JsonPropertyName("AuditLogFormat")] public string? AuditLogFormat { get; set; }
}

public sealed class ConnectLauncherConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("Kubernetes")] public bool? Kubernetes { get; set; }
    [JsonPropertyName("ClusterDefinition")] public List<string>? ClusterDefinition { get; set; }
    [JsonPropertyName("KubernetesNamespace")] public string? KubernetesNamespace { get; set; }
    [JsonPropertyName("KubernetesProfilesConfig")] public string? KubernetesProfilesConfig { get; set; }
    [JsonPropertyName("DataDirPVCName")] public string? DataDirPvcName { get; set; }
    [JsonPropertyName("KubernetesUseTemplates")] public bool? KubernetesUseTemplates { get; set; }
    [JsonPropertyName("ScratchPath")] public string? ScratchPath { get; set; }
}

public sealed class ConnectAuthenticationConfig
{
    [JsonPropertyName("Provider")] public string? Provider { get; set; }
}

public sealed class ConnectAuthorizationConfig
{
    [JsonPropertyName("DefaultUserRole")] public string? DefaultUserRole { get; set; }
    [JsonPropertyName("PublishersCanManageVanities")] public bool? PublishersCanManageVanities { get; set; }
    [JsonPropertyName("ViewersCanOnlySeeThemselves")] public bool? ViewersCanOnlySeeThemselves { get; set; }
    [JsonPropertyName("UserRoleGroupMapping")] public bool? UserRoleGroupMapping { get; set; }
    [JsonPropertyName("ViewerRoleMapping")] public List<string>? ViewerRoleMapping { get; set; }
    [JsonPropertyName("PublisherRoleMapping")] public List<string>? PublisherRoleMapping { get; set; }
    [JsonPropertyName("AdministratorRoleMapping")] public List<string>? AdministratorRoleMapping { get; set; }
}

public sealed class ConnectApplicationsConfig
{
    [JsonPropertyName("BundleRetentionLimit")] public int? BundleRetentionLimit { get; set; }
    [JsonPropertyName("PythonEnvironmentReaping")] public bool? PythonEnvironmentReaping { get; set; }
    [JsonPropertyName("OAuthIntegrationsEnabled")] public bool? OAuthIntegrationsEnabled { get; set; }
    [JsonPropertyName("ScheduleConcurrency")] public int? ScheduleConcurrency { get; set; }
}

public sealed class ConnectOAuth2Config
{
    [JsonPropertyName("ClientId")] public string? ClientId { get; set; }
    [JsonPropertyName("ClientSecretFile")] public string? ClientSecretFile { get; set; }
    [JsonPropertyName("OpenIDConnectIssuer")] public string? OpenIdConnectIssuer { get; set; }
    [JsonPropertyName("RequireUsernameClaim")] public bool? RequireUsernameClaim { get; set; }
    [JsonPropertyName("CustomScope")] public List<string>? CustomScope { get; set; }
    [JsonPropertyName("GroupsAutoProvision")] public bool? GroupsAutoProvision { get; set; }
    [JsonPropertyName("UniqueIdClaim")] public string? UniqueIdClaim { get; set; }
    [JsonPropertyName("EmailClaim")] public string? EmailClaim { get; set; }
    [JsonPropertyName("UsernameClaim")] public string? UsernameClaim { get; set; }

    /// <summary>Written even when empty (<c>GroupsClaim = </c>), as upstream's <c>*string</c>: an empty claim turns groups off.</summary>
    [JsonPropertyName("GroupsClaim")] public string? GroupsClaim { get; set; }

    [JsonPropertyName("Logging")] public bool? Logging { get; set; }
}

public sealed class ConnectRConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("PositPackageManagerURLRewriting")] public string? PositPackageManagerUrlRewriting { get; set; }
}

public sealed class ConnectPythonConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
}

public sealed class ConnectQuartoConfig
{
    [JsonPropertyName("Enabled")] public bool? Enabled { get; set; }
}

public sealed class ConnectSamlConfig
{
    [JsonPropertyName("IdPMetaDataURL")] public string? IdPMetaDataUrl { get; set; }
    [JsonPropertyName("IdPAttributeProfile")] public string? IdPAttributeProfile { get; set; }
    [JsonPropertyName("UsernameAttribute")] public string? UsernameAttribute { get; set; }
    [JsonPropertyName("FirstNameAttribute")] public string? FirstNameAttribute { get; set; }
    [JsonPropertyName("LastNameAttribute")] public string? LastNameAttribute { get; set; }
    [JsonPropertyName("EmailAttribute")] public string? EmailAttribute { get; set; }
}

public sealed class ConnectSchedulerConfig
{
    [JsonPropertyName("MaxCPURequest")] public int? MaxCpuRequest { get; set; }
    [JsonPropertyName("MaxCPULimit")] public int? MaxCpuLimit { get; set; }
    [JsonPropertyName("MaxMemoryRequest")] public long? MaxMemoryRequest { get; set; }
    [JsonPropertyName("MaxMemoryLimit")] public long? MaxMemoryLimit { get; set; }
    [JsonPropertyName("NvidiaGPULimit")] public int? NvidiaGpuLimit { get; set; }
    [JsonPropertyName("MaxNvidiaGPULimit")] public int? MaxNvidiaGpuLimit { get; set; }
    [JsonPropertyName("AMDGPULimit")] public int? AmdGpuLimit { get; set; }
    [JsonPropertyName("MaxAMDGPULimit")] public int? MaxAmdGpuLimit { get; set; }
}

public sealed class ConnectTableauIntegrationConfig
{
    [JsonPropertyName("Logging")] public bool? Logging { get; set; }
}
