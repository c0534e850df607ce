using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Admission;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites.Defaults;

/// <summary>The Workbench object a Site asks for, with upstream's defaults: load balancing, Launcher on Kubernetes, profiles.</summary>
internal static class WorkbenchDefaults
{
    /// <summary>Upstream's resource profiles: default 1 CPU/2000 MB, medium 2/4000, zz-large 4/8000.</summary>
    public static Dictionary<string, WorkbenchResourceProfile> ResourceProfiles() => new()
    {
        ["default"] = new() { Name = "Small", Cpus = "1", MemMb = "2000" },
        ["medium"] = new() { Name = "Medium", Cpus = "2", MemMb = "4000" },
        ["zz-large"] = new() { Name = "Large", Cpus = "4", MemMb = "8000" },
    };

    public static Api.Workbench Build(SiteContext site, SiteVolumes volumes)
    {
        var s = site.Spec.Workbench ?? new SiteWorkbenchSpec();
        var features = s.ExperimentalFeatures;
        var image = string.IsNullOrEmpty(s.Image) ? Images.Workbench : s.Image;
        var sessionImage = string.IsNullOrEmpty(s.DefaultSessionImage) ? image : s.DefaultSessionImage;
        var profiles = features?.ResourceProfiles is { Count: > 0 } custom ? custom.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => ObjectJson.Clone(p.Value)) : ResourceProfiles();
        var vscodeArgs = "--host=0.0.0.0" + (string.IsNullOrEmpty(features?.VsCodeExtensionsDir) ? "" : $" --extensions-dir={features.VsCodeExtensionsDir}");
        var jupyter = s.JupyterConfig is null ? new WorkbenchJupyterConfig() : ObjectJson.Clone(s.JupyterConfig);
        JupyterDefaults.Apply(jupyter);
        var positron = s.PositronConfig;
        var images = new List<string>();
        if (!string.IsNullOrEmpty(sessionImage)) images.Add(sessionImage);
        images.AddRange(s.ExtraSessionImages ?? []);

        var config = new WorkbenchConfig
        {
            Ini = new WorkbenchIniConfig
            {
                Launcher = new WorkbenchLauncherConfig
                {
                    Server = new WorkbenchLauncherServerConfig
                    {
                        Address = "127.0.0.1",
                        Port = "5559",
                        ServerUser = "rstudio-server",
                        AdminGroup = "rstudio-server",
                        AuthorizationEnabled = 1,
                        ThreadPoolSize = 4,
                    },
                    Cluster = new WorkbenchLauncherClusterConfig { Name = "Kubernetes", Type = "Kubernetes" },
                },
                VsCode = new WorkbenchVsCodeConfig
                {
                    Enabled = 1,
                    Exe = string.IsNullOrEmpty(features?.VsCodePath) ? null : features.VsCodePath,
                    Args = vscodeArgs,
                    SessionTimeoutKillHours = s.VsCodeConfig?.SessionTimeoutKillHours ?? 1,
                },
                Logging = new WorkbenchLoggingConfig
                {
                    All = new WorkbenchLoggingSection
                    {
                        LogLevel = site.Spec.Debug == true ? "debug" : "info",
                        LoggerType = "stderr",
                        LogMessageFormat = site.Spec.LogFormat == "JSON" ? "json" : "pretty",
                    },
                },
                // notebooks-enabled=0 is written: Workbench's own default is 1.
                Jupyter = jupyter,
                RServer = new WorkbenchRServerConfig
                {
                    LoadBalancingEnabled = 1,
                    ServerSharedStoragePath = "/mnt/shared-storage",
                    ServerHealthCheckEnabled = 1,
                    AuthPamSessionsEnabled = 1,
                    AdminEnabled = 1,
                    AdminGroup = s.AdminGroups is { Count: > 0 } admins ? string.Join(",", admins) : "workbench-admin",
                    AdminSuperuserGroup = s.AdminSuperuserGroups is { Count: > 0 } supers ? string.Join(",", supers) : null,
                    WwwPort = 8787,
                    ServerProjectSharing = 0,
                    LauncherAddress = "127.0.0.1",
                    LauncherPort = 5559,
                    LauncherSessionsEnabled = 1,
                    WwwFrameOrigin = $"https://{site.Domain}",
                    UserProvisioningEnabled = 1,
                    UserProvisioningRegisterOnFirstLogin = s.CreateUsersAutomatically == true ? 1 : null,
                    UserHomedirPath = "/home",
                    WwwThreadPoolSize = features?.WwwThreadPoolSize ?? 16,
                    LauncherSessionsProxyTimeoutSeconds = features?.LauncherSessionsProxyTimeoutSecs ?? 30,
                    LauncherSessionsAutoUpdate = 1,
                    LauncherSessionsInitContainerImageName = s.SessionInitContainerImageName,
                    LauncherSessionsInitContainerImageTag = s.SessionInitContainerImageTag,
                    WorkbenchApiEnabled = s.ApiSettings?.WorkbenchApiEnabled,
                    WorkbenchApiAdminEnabled = s.ApiSettings?.WorkbenchApiAdminEnabled,
                    WorkbenchApiSuperAdminEnabled = s.ApiSettings?.WorkbenchApiSuperAdminEnabled,
                    DatabricksEnabled = s.Databricks is { Count: > 0 } || features?.DatabricksForceEnabled == true ? 1 : null,
                    ForceAdminUiEnabled = features?.ForceAdminUiEnabled == true ? 1 : null,
                },
                LauncherKubernetes = site.SessionNamespace == site.Namespace ? null : new WorkbenchLauncherKubernetesConfig { KubernetesNamespace = site.SessionNamespace },
                Resources = profiles,
            },
            SessionIni = new WorkbenchSessionIniConfig
            {
                RSession = new WorkbenchRSessionConfig
                {
                    DefaultRsConnectServer = site.ConnectEnabled ? $"https://{site.ConnectHost}" : null,
                    CopilotEnabled = 1,
                    ManagedCredentialsInJobsEnabled = features?.EnableManagedCredentialJobs == true ? 1 : null,
                    SessionFirstProjectTemplatePath = string.IsNullOrEmpty(features?.FirstProjectTemplatePath) ? null : features.FirstProjectTemplatePath,
                    // Workbench asks by default; upstream (and Fleetdeck) say "no": saving workspaces is slow and large.
                    SessionSaveActionDefault = string.IsNullOrEmpty(features?.SessionSaveActionDefault) ? "no" : features.SessionSaveActionDefault,
                },
                Repos = new WorkbenchRepoConfig { Cran = site.RepositoryUrl },
                Positron = positron is null ? null : new WorkbenchPositronConfig
                {
                    Enabled = positron.Enabled,
                    Exe = positron.Exe,
                    Args = positron.Args,
                    DefaultSessionContainerImage = positron.DefaultSessionContainerImage,
                    SessionContainerImages = positron.SessionContainerImages,
                    PositronSessionPath = positron.PositronSessionPath,
                    SessionNoProfile = positron.SessionNoProfile,
                    UserDataDir = positron.UserDataDir,
                    AllowFileDownloads = positron.AllowFileDownloads,
                    AllowFileUploads = positron.AllowFileUploads,
                    SessionTimeoutKillHours = positron.SessionTimeoutKillHours,
                },
            },
            SessionNewline = s.VsCodeExtensions is null && positron?.Extensions is null ? null : new WorkbenchSessionNewlineConfig
            {
                VsCodeExtensions = s.VsCodeExtensions,
                PositronExtensions = positron?.Extensions,
            },
            SessionJson = s.VsCodeUserSettings is null && positron?.UserSettings is null ? null : new WorkbenchSessionJsonConfig
            {
                VsCodeUserSettings = s.VsCodeUserSettings?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value?.DeepClone()),
                PositronUserSettings = positron?.UserSettings?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value?.DeepClone()),
            },
            Profiles = new WorkbenchProfilesConfig
            {
                LauncherKubernetesProfiles = new Dictionary<string, WorkbenchLauncherProfile>
                {
                    ["*"] = new()
                    {
                        ContainerImages = images.Count > 0 ? images : null,
                        DefaultContainerImage = sessionImage,
                        AllowUnknownImages = 1,
                        CpuRequestRatio = features?.CpuRequestRatio ?? "0.6",
                        MemoryRequestRatio = features?.MemoryRequestRatio ?? "0.8",
                        ResourceProfiles = [.. profiles.Keys.Order(StringComparer.Ordinal)],
                    },
                },
            },
            Dcf = string.IsNullOrEmpty(features?.LauncherEnvPath) ? null : new WorkbenchDcfConfig
            {
                LauncherEnv = new WorkbenchLauncherEnvConfig { JobType = "session", Environment = new Dictionary<string, string> { ["PATH"] = features.LauncherEnvPath } },
            },
        };

        var workbench = Kube.New<Api.Workbench>(site.Name, site.Namespace, site.ProductLabels);
        var sessionEnv = features?.SessionEnvVars is { Count: > 0 } env ? env.ToList() : null;
        workbench.Spec = new WorkbenchSpec
        {
            AwsAccountId = site.Spec.AwsAccountId,
            ClusterDate = site.Spec.ClusterDate,
            WorkloadCompoundName = site.Spec.WorkloadCompoundName,
            OffHostExecution = true,
            Snowflake = s.Snowflake,
            Config = config,
            SecretConfig = s.Databricks is { Count: > 0 } databricks ? new WorkbenchSecretConfig
            {
                Ini = new WorkbenchSecretIniConfig
                {
                    Databricks = databricks.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => new WorkbenchDatabricksConfig { Name = p.Value.Name, Url = p.Value.Url, ClientId = p.Value.ClientId }),
                },
            } : null,
            SessionConfig = new SessionConfig
            {
                Pod = new SessionPodConfig
                {
                    ServiceAccountName = string.IsNullOrEmpty(features?.SessionServiceAccountName) ? site.Named("workbench-session") : features.SessionServiceAccountName,
                    NodeSelector = SiteContext.Map(s.NodeSelector),
                    Tolerations = s.SessionTolerations is { Count: > 0 } tolerations ? [.. tolerations] : null,
                    ImagePullPolicy = features?.SessionImagePullPolicy ?? s.ImagePullPolicy,
                    ImagePullSecrets = Pods.PullSecrets(site.Spec.ImagePullSecrets),
                    Env = sessionEnv,
                    ContainerSecurityContext = features?.PrivilegedSessions == true ? new V1SecurityContext { Privileged = true } : null,
                },
            },
            License = s.License,
            Volume = volumes.Workbench,
            Secret = site.ProductSecret,
            WorkloadSecret = SiteContext.Copy(site.Spec.WorkloadSecret),
            MainDatabaseCredentialSecret = SiteContext.Copy(site.Spec.MainDatabaseCredentialSecret),
            Url = site.WorkbenchHost,
            ParentUrl = site.Domain,
            NonRoot = features?.NonRoot == true ? true : null,
            DatabaseConfig = site.DatabaseConfig(),
            IngressClass = site.Spec.IngressClass,
            IngressAnnotations = SiteContext.Map(site.Spec.IngressAnnotations),
            Image = image,
            ImagePullPolicy = s.ImagePullPolicy,
            ChronicleImage = site.ChronicleAgentImage,
            AdditionalVolumes = Additional(s.AdditionalVolumes, volumes.Shared),
            ImagePullSecrets = SiteContext.List(site.Spec.ImagePullSecrets),
            NodeSelector = SiteContext.Map(s.NodeSelector),
            Tolerations = s.Tolerations is { Count: > 0 } serverTolerations ? [.. serverTolerations] : null,
            AddEnv = SiteContext.Map(s.AddEnv),
            Auth = s.Auth,
            Replicas = s.Replicas is null or 0 ? 1 : s.Replicas,
            DsnSecret = features?.DsnSecret,
            ChronicleSidecarProductApiKeyEnabled = features?.ChronicleSidecarProductApiKeyEnabled == true ? true : null,
            AuthLoginPageHtml = string.IsNullOrWhiteSpace(s.AuthLoginPageHtml) ? null : s.AuthLoginPageHtml,
        };
        return workbench;
    }

    private static List<VolumeSpec>? Additional(List<VolumeSpec>? given, VolumeSpec? shared)
    {
        var all = new List<VolumeSpec>(given ?? []);
        if (shared is not null) all.Add(shared);
        return all.Count > 0 ? all : null;
    }
}
