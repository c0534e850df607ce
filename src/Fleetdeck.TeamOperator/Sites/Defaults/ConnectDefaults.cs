using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites.Defaults;

/// <summary>The Connect object a Site asks for, with upstream's defaults.</summary>
internal static class ConnectDefaults
{
    public static Api.Connect Build(SiteContext site, SiteVolumes volumes)
    {
        var s = site.Spec.Connect ?? new SiteConnectSpec();
        var features = s.ExperimentalFeatures;
        var json = site.Spec.LogFormat == "JSON";
        var connect = Kube.New<Api.Connect>(site.Name, site.Namespace, site.ProductLabels);
        var gpu = s.GpuSettings;
        connect.Spec = new ConnectSpec
        {
            AwsAccountId = site.Spec.AwsAccountId,
            ClusterDate = site.Spec.ClusterDate,
            WorkloadCompoundName = site.Spec.WorkloadCompoundName,
            License = s.License,
            Volume = volumes.Connect,
            Secret = site.ProductSecret,
            WorkloadSecret = SiteContext.Copy(site.Spec.WorkloadSecret),
            MainDatabaseCredentialSecret = SiteContext.Copy(site.Spec.MainDatabaseCredentialSecret),
            Url = site.ConnectHost,
            DatabaseConfig = site.DatabaseConfig(s.DatabaseSettings?.Schema, s.DatabaseSettings?.InstrumentationSchema),
            IngressClass = site.Spec.IngressClass,
            IngressAnnotations = SiteContext.Map(site.Spec.IngressAnnotations),
            ImagePullSecrets = SiteContext.List(site.Spec.ImagePullSecrets),
            NodeSelector = SiteContext.Map(s.NodeSelector),
            AddEnv = SiteContext.Map(s.AddEnv),
            Image = s.Image,
            ImagePullPolicy = s.ImagePullPolicy,
            OffHostExecution = true,
            SessionImage = s.SessionImage,
            ChronicleImage = site.ChronicleAgentImage,
            AdditionalVolumes = volumes.Shared is null ? null : [volumes.Shared],
            Debug = site.Spec.Debug == true ? true : null,
            Replicas = s.Replicas is null or 0 ? 1 : s.Replicas,
            DsnSecret = features?.DsnSecret,
            ChronicleSidecarProductApiKeyEnabled = features?.ChronicleSidecarProductApiKeyEnabled == true ? true : null,
            Auth = s.Auth,
            SessionConfig = features is { SessionServiceAccountName: not null } or { SessionEnvVars.Count: > 0 } or { SessionImagePullPolicy: not null } || s.NodeSelector is { Count: > 0 } || site.Spec.ImagePullSecrets is { Count: > 0 }
                ? new SessionConfig
                {
                    Pod = new SessionPodConfig
                    {
                        ServiceAccountName = features?.SessionServiceAccountName,
                        Env = features?.SessionEnvVars is { Count: > 0 } env ? [.. env] : null,
                        ImagePullPolicy = features?.SessionImagePullPolicy,
                        NodeSelector = SiteContext.Map(s.NodeSelector),
                        ImagePullSecrets = Pods.PullSecrets(site.Spec.ImagePullSecrets),
                    },
                }
                : null,
            Config = new ConnectConfig
            {
                Server = new ConnectServerConfig
                {
                    FrameOptionsContent = "NONE",
                    FrameOptionsDashboard = "NONE",
                    DefaultContentListView = "compact",
                    HideEmailAddresses = true,
                    LoggedInWarning = s.LoggedInWarning,
                    PublicWarning = s.PublicWarning,
                    EmailProvider = string.IsNullOrEmpty(features?.MailSender) ? null : "SMTP",
                    SenderEmail = features?.MailSender,
                    SenderEmailDisplayName = features?.MailDisplayName,
                    EmailTo = features?.MailTarget,
                },
                Http = new ConnectHttpConfig { ForceSecure = true, Listen = ":3939" },
                Metrics = new ConnectMetricsConfig { PrometheusListen = ":3232" },
                Logging = new ConnectLoggingConfig
                {
                    ServiceLog = "STDERR",
                    ServiceLogLevel = site.Spec.Debug == true ? "DEBUG" : "INFO",
                    ServiceLogFormat = json ? "JSON" : "TEXT",
                    AccessLog = "STDOUT",
                    AccessLogFormat = json ? "JSON" : "COMMON",
                },
                Authorization = new ConnectAuthorizationConfig { DefaultUserRole = "publisher" },
                Applications = new ConnectApplicationsConfig
                {
                    BundleRetentionLimit = 2,
                    PythonEnvironmentReaping = true,
                    OAuthIntegrationsEnabled = true,
                    ScheduleConcurrency = s.ScheduleConcurrency ?? 2,
                },
                R = new ConnectRConfig { Enabled = true, PositPackageManagerUrlRewriting = "force-binary" },
                Quarto = new ConnectQuartoConfig { Enabled = true },
                Scheduler = new ConnectSchedulerConfig
                {
                    MaxCpuRequest = 4,
                    MaxCpuLimit = 4,
                    MaxMemoryRequest = 8L * 1024 * 1024 * 1024,
                    MaxMemoryLimit = 8L * 1024 * 1024 * 1024,
                    NvidiaGpuLimit = gpu?.NvidiaGpuLimit,
                    MaxNvidiaGpuLimit = gpu?.MaxNvidiaGpuLimit,
                    AmdGpuLimit = gpu?.AmdGpuLimit,
                    MaxAmdGpuLimit = gpu?.MaxAmdGpuLimit,
                },
                RPackageRepositories = new Dictionary<string, RPackageRepositoryConfig>
                {
                    ["CRAN"] = new() { Url = site.RepositoryUrl },
                    ["RSPM"] = new() { Url = site.RepositoryUrl },
                },
                Launcher = site.SessionNamespace == site.Namespace ? null : new ConnectLauncherConfig { KubernetesNamespace = site.SessionNamespace },
            },
        };
        return connect;
    }
}
