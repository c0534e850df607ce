using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// Workbench's configuration files, in upstream's seven groups keyed by format; within each group, one property per file,
/// named as the file. Keys inside a file are the JSON names (kebab-case, as Workbench spells them).
/// </summary>
public sealed class WorkbenchConfig
{
    [JsonPropertyName("workbench-ini-config")] public WorkbenchIniConfig? Ini { get; set; }
    [JsonPropertyName("workbench-session-ini-config")] public WorkbenchSessionIniConfig? SessionIni { get; set; }
    [JsonPropertyName("workbench-session-newline-config")] public WorkbenchSessionNewlineConfig? SessionNewline { get; set; }
    [JsonPropertyName("workbench-session-json-config")] public WorkbenchSessionJsonConfig? SessionJson { get; set; }
    [JsonPropertyName("workbench-profiles-config")] public WorkbenchProfilesConfig? Profiles { get; set; }
    [JsonPropertyName("workbench-dcf-config")] public WorkbenchDcfConfig? Dcf { get; set; }

    /// <summary>Supervisord programs; used only with <c>nonRoot</c>.</summary>
    [JsonPropertyName("supervisord-ini-config")] public SupervisordIniConfig? Supervisord { get; set; }
}

public sealed class WorkbenchIniConfig
{
    [JsonPropertyName("launcher.conf")] public WorkbenchLauncherConfig? Launcher { get; set; }
    [JsonPropertyName("vscode.conf")] public WorkbenchVsCodeConfig? VsCode { get; set; }
    [JsonPropertyName("logging.conf")] public WorkbenchLoggingConfig? Logging { get; set; }
    [JsonPropertyName("jupyter.conf")] public WorkbenchJupyterConfig? Jupyter { get; set; }
    [JsonPropertyName("rserver.conf")] public WorkbenchRServerConfig? RServer { get; set; }
    [JsonPropertyName("launcher.kubernetes.conf")] public WorkbenchLauncherKubernetesConfig? LauncherKubernetes { get; set; }
    [JsonPropertyName("launcher.local.conf")] public WorkbenchLauncherLocalConfig? LauncherLocal { get; set; }

    /// <summary>Deprecated upstream (use <c>secretConfig</c>); one section per entry.</summary>
    [JsonPropertyName("databricks.conf")] public Dictionary<string, WorkbenchDatabricksConfig>? Databricks { get; set; }

    /// <summary>Resource profiles, one section each: <c>default</c> first, then by CPU, then memory.</summary>
    [JsonPropertyName("launcher.kubernetes.resources.conf")] public Dictionary<string, WorkbenchResourceProfile>? Resources { get; set; }
}

public sealed class WorkbenchLauncherConfig
{
    [JsonPropertyName("server")] public WorkbenchLauncherServerConfig? Server { get; set; }
    [JsonPropertyName("cluster")] public WorkbenchLauncherClusterConfig? Cluster { get; set; }
}

public sealed class WorkbenchLauncherServerConfig
{
    [JsonPropertyName("address")] public string? Address { get; set; }
    [JsonPropertyName("port")] public string? Port { get; set; }
    [JsonPropertyName("server-user")] public string? ServerUser { get; set; }
    [JsonPropertyName("admin-group")] public string? AdminGroup { get; set; }
    [JsonPropertyName("authorization-enabled")] public int? AuthorizationEnabled { get; set; }
    [JsonPropertyName("thread-pool-size")] public int? ThreadPoolSize { get; set; }
    [JsonPropertyName("unprivileged")] public int? Unprivileged { get; set; }
    [JsonPropertyName("secure-cookie-key-file")] public string? SecureCookieKeyFile { get; set; }
}

public sealed class WorkbenchLauncherClusterConfig
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
}

public sealed class WorkbenchVsCodeConfig
{
    [JsonPropertyName("enabled")] public int? Enabled { get; set; }
    [JsonPropertyName("exe")] public string? Exe { get; set; }
    [JsonPropertyName("args")] public string? Args { get; set; }
    [JsonPropertyName("session-timeout-kill-hours")] public int? SessionTimeoutKillHours { get; set; }
}

public sealed class WorkbenchLoggingConfig
{
    [JsonPropertyName("*")] public WorkbenchLoggingSection? All { get; set; }
}

public sealed class WorkbenchLoggingSection
{
    [JsonPropertyName("log-level")] public string? LogLevel { get; set; }
    [JsonPropertyName("logger-type")] public string? LoggerType { get; set; }
    [JsonPropertyName("log-message-format")] public string? LogMessageFormat { get; set; }
}

public sealed class WorkbenchJupyterConfig
{
    [JsonPropertyName("notebooks-enabled")] public int? NotebooksEnabled { get; set; }
    [JsonPropertyName("labs-enabled")] public int? LabsEnabled { get; set; }
    [JsonPropertyName("jupyter-exe")] public string? JupyterExe { get; set; }
    [JsonPropertyName("lab-version")] public string? LabVersion { get; set; }
    [JsonPropertyName("notebook-version")] public string? NotebookVersion { get; set; }
    [JsonPropertyName("session-cull-minutes")] public int? SessionCullMinutes { get; set; }
    [JsonPropertyName("session-shutdown-minutes")] public int? SessionShutdownMinutes { get; set; }
    [JsonPropertyName("default-session-cluster")] public string? DefaultSessionCluster { get; set; }
    [JsonPropertyName("default-session-container-image")] public string? DefaultSessionContainerImage { get; set; }
}

public sealed class WorkbenchRServerConfig
{
    [JsonPropertyName("load-balancing-enabled")] public int? LoadBalancingEnabled { get; set; }
    [JsonPropertyName("server-shared-storage-path")] public string? ServerSharedStoragePath { get; set; }
    [JsonPropertyName("server-health-check-enabled")] public int? ServerHealthCheckEnabled { get; set; }
    [JsonPropertyName("auth-pam-sessions-enabled")] public int? AuthPamSessionsEnabled { get; set; }
    [JsonPropertyName("admin-enabled")] public int? AdminEnabled { get; set; }
    [JsonPropertyName("admin-group")] public string? AdminGroup { get; set; }
    [JsonPropertyName("admin-superuser-group")] public string? AdminSuperuserGroup { get; set; }
    [JsonPropertyName("www-port")] public int? WwwPort { get; set; }
    [JsonPropertyName("server-project-sharing")] public int? ServerProjectSharing { get; set; }
    [JsonPropertyName("launcher-address")] public string? LauncherAddress { get; set; }
    [JsonPropertyName("launcher-port")] public int? LauncherPort { get; set; }
    [JsonPropertyName("launcher-sessions-enabled")] public int? LauncherSessionsEnabled { get; set; }
    [JsonPropertyName("launcher-sessions-callback-address")] public string? LauncherSessionsCallbackAddress { get; set; }
    [JsonPropertyName("auth-openid")] public int? AuthOpenid { get; set; }
    [JsonPropertyName("auth-openid-issuer")] public string? AuthOpenidIssuer { get; set; }
    [JsonPropertyName("auth-openid-username-claim")] public string? AuthOpenidUsernameClaim { get; set; }

    /// <summary>Joined with spaces (every other list in these files is joined with commas).</summary>
    [JsonPropertyName("auth-openid-scopes")] public List<string>? AuthOpenidScopes { get; set; }

    [JsonPropertyName("auth-saml")] public int? AuthSaml { get; set; }
    [JsonPropertyName("auth-saml-metadata-url")] public string? AuthSamlMetadataUrl { get; set; }
    [JsonPropertyName("auth-saml-sp-attribute-username")] public string? AuthSamlSpAttributeUsername { get; set; }
    [JsonPropertyName("www-frame-origin")] public string? WwwFrameOrigin { get; set; }
    [JsonPropertyName("user-provisioning-enabled")] public int? UserProvisioningEnabled { get; set; }
    [JsonPropertyName("user-provisioning-register-on-first-login")] public int? UserProvisioningRegisterOnFirstLogin { get; set; }
    [JsonPropertyName("user-homedir-path")] public string? UserHomedirPath { get; set; }
    [JsonPropertyName("secure-cookie-key-file")] public string? SecureCookieKeyFile { get; set; }
    [JsonPropertyName("metrics-enabled")] public int? MetricsEnabled { get; set; }
    [JsonPropertyName("metrics-port")] public int? MetricsPort { get; set; }
    [JsonPropertyName("www-thread-pool-size")] public int? WwwThreadPoolSize { get; set; }
    [JsonPropertyName("launcher-sessions-proxy-timeout-seconds")] public int? LauncherSessionsProxyTimeoutSeconds { get; set; }
    [JsonPropertyName("launcher-sessions-auto-update")] public int? LauncherSessionsAutoUpdate { get; set; }
    [JsonPropertyName("launcher-sessions-init-container-image-name")] public string? LauncherSessionsInitContainerImageName { get; set; }
    [JsonPropertyName("launcher-sessions-init-container-image-tag")] public string? LauncherSessionsInitContainerImageTag { get; set; }
    [JsonPropertyName("databricks-enabled")] public int? DatabricksEnabled { get; set; }
    [JsonPropertyName("workbench-api-enabled")] public int? WorkbenchApiEnabled { get; set; }
    [JsonPropertyName("workbench-api-admin-enabled")] public int? WorkbenchApiAdminEnabled { get; set; }
    [JsonPropertyName("workbench-api-super-admin-enabled")] public int? WorkbenchApiSuperAdminEnabled { get; set; }
    [JsonPropertyName("force-admin-ui-enabled")] public int? ForceAdminUiEnabled { get; set; }
}

public sealed class WorkbenchLauncherKubernetesConfig
{
    [JsonPropertyName("kubernetes-namespace")] public string? KubernetesNamespace { get; set; }
    [JsonPropertyName("use-templating")] public int? UseTemplating { get; set; }
    [JsonPropertyName("job-expiry-hours")] public int? JobExpiryHours { get; set; }
}

public sealed class WorkbenchLauncherLocalConfig
{
    [JsonPropertyName("unprivileged")] public int? Unprivileged { get; set; }
}

public sealed class WorkbenchDatabricksConfig
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("client-id")] public string? ClientId { get; set; }
    [JsonPropertyName("client-secret")] public string? ClientSecret { get; set; }
}

/// <summary>A session resource profile (<c>launcher.kubernetes.resources.conf</c>).</summary>
public sealed class WorkbenchResourceProfile
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("cpus")] public string? Cpus { get; set; }
    [JsonPropertyName("cpus-request")] public string? CpusRequest { get; set; }
    [JsonPropertyName("mem-mb")] public string? MemMb { get; set; }
    [JsonPropertyName("mem-mb-request")] public string? MemMbRequest { get; set; }
    [JsonPropertyName("nvidia-gpus")] public string? NvidiaGpus { get; set; }
    [JsonPropertyName("amd-gpus")] public string? AmdGpus { get; set; }
    [JsonPropertyName("placement-constraints")] public string? PlacementConstraints { get; set; }
}

public sealed class WorkbenchSessionIniConfig
{
    [JsonPropertyName("rsession.conf")] public WorkbenchRSessionConfig? RSession { get; set; }
    [JsonPropertyName("repos.conf")] public WorkbenchRepoConfig? Repos { get; set; }
    [JsonPropertyName("workbench_nss.conf")] public WorkbenchNssConfig? WorkbenchNss { get; set; }
    [JsonPropertyName("positron.conf")] public WorkbenchPositronConfig? Positron { get; set; }
}

public sealed class WorkbenchRSessionConfig
{
    [JsonPropertyName("default-rsconnect-server")] public string? DefaultRsConnectServer { get; set; }
    [JsonPropertyName("copilot-enabled")] public int? CopilotEnabled { get; set; }
    [JsonPropertyName("managed-credentials-in-jobs-enabled")] public int? ManagedCredentialsInJobsEnabled { get; set; }
    [JsonPropertyName("session-first-project-template-path")] public string? SessionFirstProjectTemplatePath { get; set; }
    [JsonPropertyName("session-save-action-default")] public string? SessionSaveActionDefault { get; set; }
}

public sealed class WorkbenchRepoConfig
{
    [JsonPropertyName("RSPM")] public string? Rspm { get; set; }
    [JsonPropertyName("CRAN")] public string? Cran { get; set; }
}

public sealed class WorkbenchNssConfig
{
    [JsonPropertyName("server-address")] public string? ServerAddress { get; set; }
}

public sealed class WorkbenchPositronConfig
{
    [JsonPropertyName("enabled")] public int? Enabled { get; set; }
    [JsonPropertyName("exe")] public string? Exe { get; set; }
    [JsonPropertyName("args")] public string? Args { get; set; }
    [JsonPropertyName("default-session-container-image")] public string? DefaultSessionContainerImage { get; set; }
    [JsonPropertyName("session-container-images")] public List<string>? SessionContainerImages { get; set; }
    [JsonPropertyName("positron-session-path")] public string? PositronSessionPath { get; set; }
    [JsonPropertyName("session-no-profile")] public int? SessionNoProfile { get; set; }
    [JsonPropertyName("user-data-dir")] public string? UserDataDir { get; set; }
    [JsonPropertyName("allow-file-downloads")] public int? AllowFileDownloads { get; set; }
    [JsonPropertyName("allow-file-uploads")] public int? AllowFileUploads { get; set; }
    [JsonPropertyName("session-timeout-kill-hours")] public int? SessionTimeoutKillHours { get; set; }
}

public sealed class WorkbenchSessionNewlineConfig
{
    [JsonPropertyName("vscode.extensions.conf")] public List<string>? VsCodeExtensions { get; set; }
    [JsonPropertyName("positron.extensions.conf")] public List<string>? PositronExtensions { get; set; }
}

public sealed class WorkbenchSessionJsonConfig
{
    [JsonPropertyName("vscode-user-settings.json")] public Dictionary<string, JsonNode?>? VsCodeUserSettings { get; set; }
    [JsonPropertyName("positron-user-settings.json")] public Dictionary<string, JsonNode?>? PositronUserSettings { get; set; }
}

public sealed class WorkbenchProfilesConfig
{
    [JsonPropertyName("launcher.kubernetes.profiles.conf")] public Dictionary<string, WorkbenchLauncherProfile>? LauncherKubernetesProfiles { get; set; }
}

/// <summary>A section of <c>launcher.kubernetes.profiles.conf</c>: <c>*</c> for everyone, <c>@group</c> or a user.</summary>
public sealed class WorkbenchLauncherProfile
{
    [JsonPropertyName("container-images")] public List<string>? ContainerImages { get; set; }
    [JsonPropertyName("default-container-image")] public string? DefaultContainerImage { get; set; }
    [JsonPropertyName("allow-unknown-images")] public int? AllowUnknownImages { get; set; }
    [JsonPropertyName("placement-constraints")] public List<string>? PlacementConstraints { get; set; }
    [JsonPropertyName("default-cpus")] public string? DefaultCpus { get; set; }
    [JsonPropertyName("default-cpus-request")] public string? DefaultCpusRequest { get; set; }
    [JsonPropertyName("default-mem-mb")] public string? DefaultMemMb { get; set; }
    [JsonPropertyName("default-mem-mb-request")] public string? DefaultMemMbRequest { get; set; }
    [JsonPropertyName("default-nvidia-gpus")] public string? DefaultNvidiaGpus { get; set; }
    [JsonPropertyName("max-cpus")] public string? MaxCpus { get; set; }
    [JsonPropertyName("max-cpus-request")] public string? MaxCpusRequest { get; set; }
    [JsonPropertyName("max-mem-mb")] public string? MaxMemMb { get; set; }
    [JsonPropertyName("max-mem-mb-request")] public string? MaxMemMbRequest { get; set; }
    [JsonPropertyName("max-nvidia-gpus")] public string? MaxNvidiaGpus { get; set; }
    [JsonPropertyName("cpu-request-ratio")] public string? CpuRequestRatio { get; set; }
    [JsonPropertyName("memory-request-ratio")] public string? MemoryRequestRatio { get; set; }
    [JsonPropertyName("resource-profiles")] public List<string>? ResourceProfiles { get; set; }
    [JsonPropertyName("allow-custom-resources")] public int? AllowCustomResources { get; set; }
}

public sealed class WorkbenchDcfConfig
{
    [JsonPropertyName("launcher-env")] public WorkbenchLauncherEnvConfig? LauncherEnv { get; set; }
}

public sealed class WorkbenchLauncherEnvConfig
{
    [JsonPropertyName("JobType")] public string? JobType { get; set; }
    [JsonPropertyName("Environment")] public Dictionary<string, string>? Environment { get; set; }
}

public sealed class SupervisordIniConfig
{
    /// <summary>File name → program name → program.</summary>
    [JsonPropertyName("programs.conf")] public Dictionary<string, Dictionary<string, SupervisordProgramConfig>>? Programs { get; set; }
}

public sealed class SupervisordProgramConfig
{
    [JsonPropertyName("user")] public string? User { get; set; }
    [JsonPropertyName("command")] public string? Command { get; set; }
    [JsonPropertyName("autorestart")] public bool? AutoRestart { get; set; }
    [JsonPropertyName("numprocs")] public int? NumProcs { get; set; }
    [JsonPropertyName("stdout_logfile")] public string? StdOutLogFile { get; set; }
    [JsonPropertyName("stdout_logfile_maxbytes")] public int? StdOutLogFileMaxBytes { get; set; }
    [JsonPropertyName("stderr_logfile")] public string? StdErrLogFile { get; set; }
    [JsonPropertyName("stderr_logfile_maxbytes")] public int? StdErrLogFileMaxBytes { get; set; }
    [JsonPropertyName("environment")] public string? Environment { get; set; }
}

/// <summary>Files of the <c>&lt;workbench&gt;-config</c> Secret (mounted at <c>/mnt/secure-config/rstudio/</c>).</summary>
public sealed class WorkbenchSecretConfig
{
    [JsonPropertyName("workbench-secret-ini-config")] public WorkbenchSecretIniConfig? Ini { get; set; }
}

public sealed class WorkbenchSecretIniConfig
{
    [JsonPropertyName("database.conf")] public WorkbenchDatabaseConfig? Database { get; set; }
    [JsonPropertyName("openid-client-secret")] public WorkbenchOpenidClientSecret? OpenidClientSecret { get; set; }
    [JsonPropertyName("databricks.conf")] public Dictionary<string, WorkbenchDatabricksConfig>? Databricks { get; set; }
}

public sealed class WorkbenchDatabaseConfig
{
    [JsonPropertyName("provider")] public string? Provider { get; set; }
    [JsonPropertyName("database")] public string? Database { get; set; }
    [JsonPropertyName("port")] public string? Port { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
}

public sealed class WorkbenchOpenidClientSecret
{
    [JsonPropertyName("client-id")] public string? ClientId { get; set; }
    [JsonPropertyName("client-secret")] public string? ClientSecret { get; set; }
}
