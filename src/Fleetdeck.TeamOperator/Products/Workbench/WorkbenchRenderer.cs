using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Api.ThirdParty;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Products.Templates;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Products.Workbench;

/// <summary>Everything a <c>Workbench</c> object becomes: a pure function of its spec and the render inputs.</summary>
public sealed class WorkbenchRenderer(IRenderInputs inputs, RenderOptions? options = null)
{
    public const string ConfigMapSha = "workbench.posit.team/configmap-sha";
    public const string SessionSha = "workbench.posit.team/session-sha";
    public const string SecretSha = "workbench.posit.team/secret-sha";
    public const string TemplateSha = "workbench.posit.team/template-sha";
    public const string DatabaseSha = "workbench.posit.team/database-sha";
    public const string PasswordKey = "dev-db-password";
    public const string XdgConfigDirs = "/mnt/config/rstudio:/mnt/config:/mnt/secure:/mnt/secure-config:/mnt/session";
    private const string TemplateDir = "/var/lib/rstudio-launcher/Kubernetes";

    private static readonly LicenseConstants License = new("RSW_LICENSE", "RSW_LICENSE_FILE_PATH", "/etc/rstudio-server/license.lic", "dev");

    public RenderedProduct Render(Api.Workbench workbench)
    {
        var spec = workbench.Spec;
        var ns = workbench.Metadata.NamespaceProperty ?? "default";
        var c = new Component(workbench.Metadata.Name, ns, "workbench", "workbench", "workbench");
        var backend = SecretBackend.Of(spec.EffectiveSecretType, spec.Secret?.VaultName);
        var host = ProductDatabase.Host(spec, options?.FallbackDatabaseHost);
        var offHost = spec.OffHostExecution == true;
        var aws = new AwsIdentity(spec.AwsAccountId, spec.ClusterDate, spec.WorkloadCompoundName, c.Site);
        var license = new LicenseSetup(spec.License, License, c, backend);
        var config = spec.Config is null ? new WorkbenchConfig() : ObjectJson.Clone(spec.Config);
        var sessionNamespace = string.IsNullOrEmpty(config.Ini?.LauncherKubernetes?.KubernetesNamespace) ? ns : config.Ini.LauncherKubernetes.KubernetesNamespace;
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var required = new List<(string, string)>();
        if (backend.IsKubernetes) required.Add((backend.Vault, "spec.secret.vaultName"));
        if (license.RequiredSecret is { } licenseSecret && spec.License?.Type == "FILE") required.Add((licenseSecret, "spec.license.existingSecretName"));

        objects.Add(ProductDatabase.Build(c, spec, backend, PasswordKey, host, []));

        // Keys Workbench shares between replicas: the secure cookie key and the Launcher's RSA pair.
        var keySecret = c.Named("key");
        var key = Kube.New<V1Secret>(keySecret, ns, c.Labels);
        key.Type = "Opaque";
        key.Data = new Dictionary<string, byte[]>
        {
            ["key"] = Bytes(inputs.Generated(keySecret, "key", GeneratedValue.HexKey)),
            ["testuser-password"] = Bytes(inputs.Generated(keySecret, "testuser-password", GeneratedValue.Password)),
        };
        var replicas = spec.Replicas is null or 0 ? 1 : spec.Replicas.Value;
        // The Launcher's RSA pair must be shared by load-balanced replicas. A single replica makes its own at start, so
        // the pair is generated (≈0.3 s of CPU each here) only when there are several; the key Secret is in the pod
        // hash, so going from one replica to two restarts the first with the shared pair.
        if (replicas > 1 || inputs.HasGenerated(keySecret, "launcher.pem"))
        {
            key.Data["launcher.pem"] = Bytes(inputs.Generated(keySecret, "launcher.pem", GeneratedValue.RsaPrivateKey));
            key.Data["launcher.pub"] = Bytes(inputs.Generated(keySecret, "launcher.pub", GeneratedValue.RsaPublicKey));
        }
        objects.Add(key);
        if (license.KeySecret() is { } licenseKey) objects.Add(licenseKey);
        if (backend.IsAws) objects.Add(ProviderClass(c, spec, backend));

        ApplyOperatorConfig(config, spec, c, offHost, sessionNamespace);
        var secretFiles = WorkbenchConfigFiles.Secret(SecretConfig(spec, c, backend, host));
        var configSecret = Kube.New<V1Secret>(c.Named("config"), ns, c.Labels);
        configSecret.Type = "Opaque";
        configSecret.Data = secretFiles.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => Bytes(f.Value));
        objects.Add(configSecret);

        var serverFiles = WorkbenchConfigFiles.Server(config);
        var sessionFiles = WorkbenchConfigFiles.Session(config);
        objects.Add(ConfigMap(c.Name, c, serverFiles));
        objects.Add(ConfigMap(c.Named("session"), c, sessionFiles));
        objects.Add(ConfigMap(c.Named("login"), c, WorkbenchConfigFiles.Login()));
        var loginHtml = string.IsNullOrWhiteSpace(spec.AuthLoginPageHtml) ? null : spec.AuthLoginPageHtml;
        if (loginHtml is not null) objects.Add(ConfigMap(c.Named("auth-login-page-html"), c, new() { ["login.html"] = loginHtml }));
        var supervisorFiles = spec.NonRoot == true ? WorkbenchConfigFiles.Supervisor(NonRootSupervisor(config.Supervisord)) : null;
        if (supervisorFiles is not null) objects.Add(ConfigMap(c.Named("supervisor"), c, supervisorFiles));

        var additional = Volumes.Additional(c, spec.AdditionalVolumes);
        var loadBalancing = config.Ini?.RServer?.LoadBalancingEnabled == 1;
        var templates = new Dictionary<string, string>
        {
            ["job.tpl"] = LauncherTemplates.Job,
            ["service.tpl"] = LauncherTemplates.Service,
            ["rstudio-library-templates-data.tpl"] = LauncherTemplates.Data(ObjectJson.ToNode(SessionConfig(workbench, c, backend, config, loadBalancing, additional.Volumes, additional.Mounts))),
        };
        objects.Add(ConfigMap(c.Named("templates"), c, templates));

        var (role, binding) = Accounts.Launcher(c, c.Name, sessionNamespace);
        objects.Add(role);
        objects.Add(binding);
        objects.Add(Accounts.ServiceAccount(c.Name, c, aws.RoleAnnotation("dev")));
        objects.Add(Accounts.ServiceAccount(c.Named("session"), c, aws.RoleAnnotation("dev-ses")));
        if (spec.Volume is { Create: true } home) objects.Add(Volumes.Claim(c.Name, c, home, "2Gi", "ReadWriteMany"));
        if (loadBalancing)
            objects.Add(Volumes.Claim(c.Named("shared-storage"), c, new VolumeSpec { StorageClassName = c.Named("shared-storage-nfs") }, "10Gi", "ReadWriteMany"));
        objects.AddRange(additional.Claims);

        var annotations = new Dictionary<string, string>
        {
            [ConfigMapSha] = ConfigHash.Of(serverFiles),
            [SessionSha] = ConfigHash.Of(sessionFiles),
            [SecretSha] = ConfigHash.Of([.. secretFiles, .. key.Data.Select(k => KeyValuePair.Create($"{keySecret}/{k.Key}", Convert.ToBase64String(k.Value)))]),
            [TemplateSha] = ConfigHash.Of(templates),
        };
        if (inputs.DatabasePasswordRevision(c.Name) is { } revision) annotations[DatabaseSha] = revision;
        objects.Add(Deployment(workbench, c, backend, license, keySecret, loadBalancing, loginHtml is not null, supervisorFiles is not null,
            additional.Volumes, additional.Mounts, annotations, replicas));
        objects.Add(WebObjects.Service(c, 8787, sticky: true, ("metrics", 8989, 8989)));
        if (!string.IsNullOrEmpty(spec.Url))
        {
            objects.Add(WebObjects.Forward(c));
            objects.Add(Csp(c, spec.ParentUrl));
            objects.Add(RequestHeaders(c));
            objects.Add(WebObjects.Ingress(c, spec.Url, spec.IngressClass, spec.IngressAnnotations, c.Named("forward"), c.Named("csp"), c.Named("headers")));
        }
        objects.Add(WebObjects.DisruptionBudget(c, replicas));

        return new RenderedProduct(objects)
        {
            Workloads = [("Deployment", c.Name)],
            Database = c.Name,
            RequiredSecrets = required,
            KeySecret = keySecret,
        };
    }

    /// <summary>What the operator owns in the server files: metrics, the Launcher's cluster, sign-in, rootless operation.</summary>
    private static void ApplyOperatorConfig(WorkbenchConfig config, WorkbenchSpec spec, Component c, bool offHost, string sessionNamespace)
    {
        config.Ini ??= new WorkbenchIniConfig();
        var rserver = config.Ini.RServer ??= new WorkbenchRServerConfig();
        rserver.MetricsEnabled = 1;
        rserver.MetricsPort = 8989;
        var serviceUrl = $"http://{c.ServiceHost(c.Name)}:80";
        if (offHost)
        {
            config.Ini.LauncherKubernetes ??= new WorkbenchLauncherKubernetesConfig();
            config.Ini.LauncherKubernetes.KubernetesNamespace = sessionNamespace;
            config.Ini.LauncherKubernetes.UseTemplating = 1;
            config.Ini.LauncherKubernetes.JobExpiryHours = 1;
            config.SessionIni ??= new WorkbenchSessionIniConfig();
            config.SessionIni.WorkbenchNss = new WorkbenchNssConfig { ServerAddress = serviceUrl };
            rserver.LauncherSessionsCallbackAddress = serviceUrl;
        }
        else
        {
            config.Ini.LauncherLocal = new WorkbenchLauncherLocalConfig { Unprivileged = 1 };
        }

        switch (spec.Auth?.Type)
        {
            case "oidc":
                rserver.AuthOpenid = 1;
                rserver.AuthOpenidIssuer = spec.Auth.Issuer;
                rserver.AuthOpenidUsernameClaim = string.IsNullOrEmpty(spec.Auth.UsernameClaim) ? null : spec.Auth.UsernameClaim;
                rserver.AuthOpenidScopes = spec.Auth.Scopes is { Count: > 0 } scopes ? [.. scopes] : null;
                break;
            case "saml":
                rserver.AuthSaml = 1;
                rserver.AuthSamlMetadataUrl = spec.Auth.SamlMetadataUrl;
                rserver.AuthSamlSpAttributeUsername = string.IsNullOrEmpty(spec.Auth.SamlUsernameAttribute) ? null : spec.Auth.SamlUsernameAttribute;
                break;
        }

        if (spec.NonRoot == true)
        {
            config.Ini.Launcher ??= new WorkbenchLauncherConfig();
            config.Ini.Launcher.Server ??= new WorkbenchLauncherServerConfig();
            config.Ini.Launcher.Server.Unprivileged = 1;
            config.Ini.Launcher.Server.SecureCookieKeyFile = "/mnt/secure/rstudio/secure-cookie-key";
            rserver.SecureCookieKeyFile = "/mnt/secure/rstudio/secure-cookie-key";
        }
    }

    /// <summary>
    /// The Secret's files: the database connection (the password comes from env), the OIDC client secret (read from the
    /// Kubernetes vault, as upstream does), and Databricks credentials.
    /// </summary>
    private WorkbenchSecretIniConfig SecretConfig(WorkbenchSpec spec, Component c, SecretBackend backend, string host)
    {
        var secrets = spec.SecretConfig?.Ini is null ? new WorkbenchSecretIniConfig() : ObjectJson.Clone(spec.SecretConfig.Ini);
        secrets.Database = new WorkbenchDatabaseConfig
        {
            Provider = "postgresql",
            Database = c.DatabaseName,
            Username = c.DatabaseName,
            Host = host,
            Port = "5432",
        };
        if (spec.Auth?.Type == "oidc" && backend.IsKubernetes)
        {
            secrets.OpenidClientSecret = new WorkbenchOpenidClientSecret
            {
                ClientId = spec.Auth.ClientId,
                ClientSecret = inputs.VaultValue(backend.Vault, "dev-client-secret")
                    ?? throw new RenderException("spec.secret.vaultName", $"Secret {backend.Vault} has no key dev-client-secret (the OIDC client secret)", "SecretKeyMissing"),
            };
        }
        if (secrets.Databricks is { } databricks && backend.IsKubernetes)
            foreach (var entry in databricks.Values.Where(d => string.IsNullOrEmpty(d.ClientSecret) && !string.IsNullOrEmpty(d.ClientId)))
                entry.ClientSecret = inputs.VaultValue(backend.Vault, $"dev-client-secret-{entry.ClientId}")
                    ?? throw new RenderException("spec.secret.vaultName", $"Secret {backend.Vault} has no key dev-client-secret-{entry.ClientId} (a Databricks client secret)", "SecretKeyMissing");
        return secrets;
    }

    /// <summary>Rootless: the Launcher runs as its own supervisord program, unless a program for it is already configured.</summary>
    private static SupervisordIniConfig NonRootSupervisor(SupervisordIniConfig? configured)
    {
        var supervisord = configured is null ? new SupervisordIniConfig() : ObjectJson.Clone(configured);
        supervisord.Programs ??= [];
        var hasLauncher = supervisord.Programs.Any(p => p.Key.Contains("launcher", StringComparison.Ordinal) || p.Value.Keys.Any(k => k.Contains("launcher", StringComparison.Ordinal)));
        if (!hasLauncher)
        {
            supervisord.Programs["launcher.conf"] = new Dictionary<string, SupervisordProgramConfig>
            {
                ["rstudio-launcher"] = new()
                {
                    User = "root",
                    Command = "/usr/lib/rstudio-server/bin/rstudio-launcher",
                    AutoRestart = false,
                    NumProcs = 1,
                    StdOutLogFile = "/dev/stdout",
                    // supervisord cannot rotate /dev/stdout: 0 is required, so it is written.
                    StdOutLogFileMaxBytes = 0,
                    StdErrLogFile = "/dev/stderr",
                    StdErrLogFileMaxBytes = 0,
                    Environment = $"XDG_CONFIG_DIRS=\"{XdgConfigDirs}\"",
                },
            };
        }
        return supervisord;
    }

    private V1Deployment Deployment(Api.Workbench workbench, Component c, SecretBackend backend, LicenseSetup license, string keySecret, bool loadBalancing,
        bool loginHtml, bool supervisor, List<V1Volume> additionalVolumes, List<V1VolumeMount> additionalMounts, Dictionary<string, string> annotations, int replicas)
    {
        var spec = workbench.Spec;
        var providerClass = c.Named("secrets");
        var volumes = new List<V1Volume>
        {
            Pods.ConfigMapVolume("config-volume", c.Name),
            Pods.ConfigMapVolume("session-config-volume", c.Named("session")),
            Pods.SecretVolume("secure-volume", keySecret, mode: Pods.Octal("600")),
            Pods.SecretVolume("secure-config-volume", c.Named("config"), mode: Pods.Octal("600")),
            Pods.ConfigMapVolume("login-volume", c.Named("login"), Pods.Octal("644")),
            Pods.ConfigMapVolume("template-config", c.Named("templates"), Pods.Octal("644")),
        };
        var mounts = new List<V1VolumeMount>
        {
            Pods.Mount("config-volume", "/mnt/config/rstudio/", readOnly: true),
            Pods.Mount("session-config-volume", "/mnt/session/rstudio/", readOnly: true),
            Pods.Mount("secure-volume", "/mnt/secure/rstudio/", readOnly: true),
            Pods.Mount("secure-config-volume", "/mnt/secure-config/rstudio/", readOnly: true),
            Pods.Mount("login-volume", "/etc/login.defs", "login.defs", true),
            Pods.Mount("login-volume", "/etc/pam.d/common-session", "common-session", true),
            Pods.Mount("login-volume", "/etc/profile.d/99-ptd.sh", "99-ptd.sh", true),
        };
        foreach (var file in new[] { "rstudio-library-templates-data.tpl", "job.tpl", "service.tpl" })
            mounts.Add(Pods.Mount("template-config", $"{TemplateDir}/{file}", file, true));
        if (spec.Volume is { } home)
        {
            volumes.Add(Pods.Pvc("home-dir-volume", Volumes.ClaimName(home, c.Name)));
            mounts.Add(Pods.Mount("home-dir-volume", "/home"));
        }
        if (loadBalancing)
        {
            volumes.Add(Pods.Pvc("server-shared-storage-volume", c.Named("shared-storage")));
            mounts.Add(Pods.Mount("server-shared-storage-volume", "/mnt/shared-storage"));
        }
        if (loginHtml)
        {
            volumes.Add(Pods.ConfigMapVolume("auth-login-page-html-volume", c.Named("auth-login-page-html")));
            mounts.Add(Pods.Mount("auth-login-page-html-volume", "/etc/rstudio/login.html", "login.html", true));
        }
        if (supervisor)
        {
            volumes.Add(Pods.ConfigMapVolume("supervisor-volume", c.Named("supervisor"), Pods.Octal("644")));
            mounts.Add(Pods.Mount("supervisor-volume", "/startup/custom/"));
            volumes.Add(new V1Volume { Name = "supervisor-cover-volume", EmptyDir = new V1EmptyDirVolumeSource() });
            mounts.Add(Pods.Mount("supervisor-cover-volume", "/startup/launcher"));
        }
        volumes.AddRange(license.Volumes(providerClass));
        if (spec.License?.Type is null or "" && volumes.LastOrDefault(v => v.Name == LicenseSetup.Volume)?.Secret is { } optionalLicense) optionalLicense.Optional = true;
        mounts.AddRange(license.Mounts());
        if (backend.IsAws)
        {
            volumes.Add(SecretBackend.CsiVolume("secret-csi-volume", providerClass));
            mounts.Add(Pods.Mount("secret-csi-volume", "/mnt/secrets-store", readOnly: true));
            if (spec.Auth?.Type == "oidc")
                mounts.Add(Pods.Mount("secret-csi-volume", "/mnt/secure-config/rstudio/openid-client-secret", "openid-client-secret", true));
        }
        volumes.AddRange(additionalVolumes);
        mounts.AddRange(additionalMounts);
        volumes.Add(Pods.ProjectedToken());
        mounts.Add(Pods.ProjectedTokenMount());

        var env = new List<V1EnvVar>(Pods.Env(spec.AddEnv))
        {
            new() { Name = "XDG_CONFIG_DIRS", Value = XdgConfigDirs },
            backend.Env("WORKBENCH_POSTGRES_PASSWORD", PasswordKey, c.Named("db"), "password"),
        };
        env.AddRange(license.Env());

        var containers = new List<V1Container>
        {
            new()
            {
                Name = "workbench",
                Image = string.IsNullOrEmpty(spec.Image) ? Images.Workbench : spec.Image,
                ImagePullPolicy = string.IsNullOrEmpty(spec.ImagePullPolicy) ? null : spec.ImagePullPolicy,
                Command = spec.Sleep == true ? [.. Pods.SleepCommand] : ["/usr/bin/supervisord", "-c", "/etc/supervisor/supervisord.conf"],
                Env = env,
                Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8787 }, new V1ContainerPort { Name = "metrics", ContainerPort = 8989 }],
                ReadinessProbe = spec.Sleep == true ? null : Pods.HttpProbe("/health-check", 8787),
                SecurityContext = new V1SecurityContext { Privileged = spec.NonRoot == true ? null : true },
                VolumeMounts = mounts,
            },
        };
        if (!string.IsNullOrEmpty(spec.ChronicleImage))
        {
            volumes.Add(new V1Volume { Name = ChronicleSidecar.AuditVolume, EmptyDir = new V1EmptyDirVolumeSource() });
            containers[0].VolumeMounts.Add(Pods.Mount(ChronicleSidecar.AuditVolume, "/var/lib/rstudio-server/audit"));
            containers.Add(ChronicleSidecar.Container(spec.ChronicleImage, $"http://{c.ServiceHost($"{c.Site}-chronicle")}",
                spec.ChronicleSidecarProductApiKeyEnabled == true ? backend.IsAws ? (c.Named("chronicle"), "api-key") : (backend.Vault, "dev-chronicle-api-key") : null,
                [Pods.Mount(ChronicleSidecar.AuditVolume, "/var/lib/rstudio-server/audit", readOnly: true)]));
        }

        var deployment = Kube.New<V1Deployment>(c.Name, c.Namespace, c.Labels);
        deployment.Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = c.Selector },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = c.Labels, Annotations = Kube.Sorted(annotations) },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = c.Name,
                    AutomountServiceAccountToken = false,
                    NodeSelector = Pods.NodeSelector(spec.NodeSelector),
                    Tolerations = spec.Tolerations is { Count: > 0 } tolerations ? [.. tolerations] : null,
                    ImagePullSecrets = Pods.PullSecrets(spec.ImagePullSecrets),
                    Affinity = Pods.AntiAffinity(c),
                    Containers = containers,
                    Volumes = volumes,
                },
            },
        };
        return deployment;
    }

    /// <summary>Session pods: home and shared storage, the session files and login setup, the session account and labels.</summary>
    private static SessionConfig SessionConfig(Api.Workbench workbench, Component c, SecretBackend backend, WorkbenchConfig config, bool loadBalancing,
        List<V1Volume> additionalVolumes, List<V1VolumeMount> additionalMounts)
    {
        var spec = workbench.Spec;
        var session = spec.SessionConfig is null ? new SessionConfig() : ObjectJson.Clone(spec.SessionConfig);
        var labels = c.SessionLabels;
        var volumes = new List<V1Volume>(additionalVolumes);
        var mounts = new List<V1VolumeMount>(additionalMounts);
        if (spec.Volume is { } home)
        {
            volumes.Add(Pods.Pvc("home-dir-volume", Volumes.ClaimName(home, c.Name)));
            mounts.Add(Pods.Mount("home-dir-volume", "/home"));
        }
        if (loadBalancing)
        {
            volumes.Add(Pods.Pvc("server-shared-storage-volume", c.Named("shared-storage")));
            mounts.Add(Pods.Mount("server-shared-storage-volume", "/mnt/shared-storage"));
        }
        volumes.Add(Pods.ConfigMapVolume("session-config-volume", c.Named("session")));
        mounts.Add(Pods.Mount("session-config-volume", "/mnt/session/rstudio/", readOnly: true));
        if (config.SessionNewline?.VsCodeExtensions is not null)
            mounts.Add(Pods.Mount("session-config-volume", "/etc/rstudio/vscode.extensions.conf", "vscode.extensions.conf", true));
        if (config.SessionNewline?.PositronExtensions is not null)
            mounts.Add(Pods.Mount("session-config-volume", "/etc/rstudio/positron.extensions.conf", "positron.extensions.conf", true));
        volumes.Add(Pods.ConfigMapVolume("login-volume", c.Named("login"), Pods.Octal("644")));
        mounts.Add(Pods.Mount("login-volume", "/etc/login.defs", "login.defs", true));
        mounts.Add(Pods.Mount("login-volume", "/etc/pam.d/common-session", "common-session", true));
        mounts.Add(Pods.Mount("login-volume", "/etc/profile.d/99-ptd.sh", "99-ptd.sh", true));
        if (!string.IsNullOrEmpty(spec.DsnSecret))
        {
            volumes.Add(backend.IsAws
                ? SecretBackend.CsiVolume("dsn-volume", c.Named("secrets"))
                : Pods.SecretVolume("dsn-volume", backend.Vault, [(spec.DsnSecret, "odbc.ini")], Pods.Octal("655")));
            mounts.Add(Pods.Mount("dsn-volume", "/etc/odbc.ini", "odbc.ini", true));
        }

        session.Service ??= new SessionServiceConfig();
        session.Service.Type = string.IsNullOrEmpty(session.Service.Type) ? "ClusterIP" : session.Service.Type;
        session.Service.Labels = Kube.Merge(session.Service.Labels, labels);
        session.Pod ??= new SessionPodConfig();
        var pod = session.Pod;
        pod.Labels = Kube.Merge(pod.Labels, labels);
        pod.ServiceAccountName = string.IsNullOrEmpty(pod.ServiceAccountName) ? c.Named("session") : pod.ServiceAccountName;
        pod.Volumes = [.. pod.Volumes ?? [], .. volumes];
        pod.VolumeMounts = [.. pod.VolumeMounts ?? [], .. mounts];
        session.Job ??= new SessionJobConfig();
        session.Job.Labels = Kube.Merge(session.Job.Labels, labels);
        return session;
    }

    /// <summary>Frames are allowed from the Site's own domain only.</summary>
    private static TraefikMiddleware Csp(Component c, string? parentUrl)
    {
        var csp = Kube.New<TraefikMiddleware>(c.Named("csp"), c.Namespace, c.Labels);
        var parent = string.IsNullOrEmpty(parentUrl) ? "" : (parentUrl.Contains("://", StringComparison.Ordinal) ? parentUrl : $"https://{parentUrl}") + " ";
        csp.Spec.Headers = new TraefikHeaders { ContentSecurityPolicy = $"frame-ancestors {parent}'self';" };
        return csp;
    }

    private static TraefikMiddleware RequestHeaders(Component c)
    {
        var headers = Kube.New<TraefikMiddleware>(c.Named("headers"), c.Namespace, c.Labels);
        headers.Spec.Headers = new TraefikHeaders { CustomRequestHeaders = new Dictionary<string, string> { ["X-Rstudio-Request"] = $"https://{c.Name}" } };
        return headers;
    }

    private static SecretProviderClass ProviderClass(Component c, WorkbenchSpec spec, SecretBackend backend) =>
        ProviderClasses.Build(c.Named("secrets"), c, backend.Vault,
            aliases:
            [
                ("dev-db-password", "dev-db-password"),
                ("dev-license", "dev.lic"),
                .. spec.Auth?.Type == "oidc" ? [("dev-openid-client-secret", "openid-client-secret")] : Array.Empty<(string, string)>(),
                .. string.IsNullOrEmpty(spec.DsnSecret) ? Array.Empty<(string, string)>() : [(spec.DsnSecret, "odbc.ini")],
                .. spec.ChronicleSidecarProductApiKeyEnabled == true ? [("dev-chronicle-api-key", "dev-chronicle-api-key")] : Array.Empty<(string, string)>(),
            ],
            synced:
            [
                (c.Named("db"), [("dev-db-password", "password")]),
                .. spec.Auth?.Type == "oidc" ? [(c.Named("client-secret"), new[] { ("openid-client-secret", "openid-client-secret") })] : Array.Empty<(string, (string, string)[])>(),
                .. spec.ChronicleSidecarProductApiKeyEnabled == true ? [(c.Named("chronicle"), new[] { ("dev-chronicle-api-key", "api-key") })] : Array.Empty<(string, (string, string)[])>(),
            ]);

    private static V1ConfigMap ConfigMap(string name, Component c, Dictionary<string, string> files)
    {
        var map = Kube.New<V1ConfigMap>(name, c.Namespace, c.Labels);
        map.Data = Kube.Sorted(files);
        return map;
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
