using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Api.ThirdParty;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Products.Templates;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Products.Connect;

/// <summary>Everything a <c>Connect</c> object becomes: a pure function of its spec and the render inputs.</summary>
public sealed class ConnectRenderer(IRenderInputs inputs, RenderOptions? options = null)
{
    public const string ConfigMapSha = "connect.posit.team/configmap-sha";
    public const string TemplateSha = "connect.posit.team/template-sha";
    public const string DatabaseSha = "connect.posit.team/database-sha";
    public const string PasswordKey = "pub-db-password";

    private static readonly LicenseConstants License = new("RSC_LICENSE", "RSC_LICENSE_FILE_PATH", "/etc/rstudio-connect/license.lic", "pub");

    public RenderedProduct Render(Api.Connect connect)
    {
        var spec = connect.Spec;
        var ns = connect.Metadata.NamespaceProperty ?? "default";
        var c = new Component(connect.Metadata.Name, ns, "connect", "connect", "connect");
        var backend = SecretBackend.Of(spec.EffectiveSecretType, spec.Secret?.VaultName);
        var host = ProductDatabase.Host(spec, options?.FallbackDatabaseHost);
        var offHost = spec.OffHostExecution == true;
        var sessionNamespace = string.IsNullOrEmpty(spec.Config?.Launcher?.KubernetesNamespace) ? ns : spec.Config.Launcher.KubernetesNamespace;
        var aws = new AwsIdentity(spec.AwsAccountId, spec.ClusterDate, spec.WorkloadCompoundName, c.Site);
        var license = new LicenseSetup(spec.License, License, c, backend);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var required = new List<(string, string)>();
        if (backend.IsKubernetes) required.Add((backend.Vault, "spec.secret.vaultName"));
        if (license.RequiredSecret is { } licenseSecret && spec.License?.Type == "FILE") required.Add((licenseSecret, "spec.license.existingSecretName"));

        var schemas = new[]
        {
            string.IsNullOrEmpty(spec.DatabaseConfig?.Schema) ? "connect" : spec.DatabaseConfig.Schema,
            string.IsNullOrEmpty(spec.DatabaseConfig?.InstrumentationSchema) ? "instrumentation" : spec.DatabaseConfig.InstrumentationSchema,
        };
        objects.Add(ProductDatabase.Build(c, spec, backend, PasswordKey, host, schemas));

        // The encryption key Connect keeps its secrets with: generated once (Kubernetes), or from AWS.
        string keySecret;
        if (backend.IsAws)
        {
            keySecret = c.Named("secret-key");
            objects.Add(ProviderClass(connect, c, backend));
        }
        else
        {
            keySecret = c.Named("key");
            var key = Kube.New<V1Secret>(keySecret, ns, c.Labels);
            key.Type = "Opaque";
            key.Data = new Dictionary<string, byte[]> { ["key"] = Bytes(inputs.Generated(keySecret, "key", GeneratedValue.HexKey)) };
            objects.Add(key);
        }
        if (license.KeySecret() is { } licenseKey) objects.Add(licenseKey);

        var config = ConnectConfigFile.Build(connect, c, host, sessionNamespace);
        var files = new Dictionary<string, string> { ["rstudio-connect.gcfg"] = ConnectConfigFile.Write(config) };
        if (offHost)
        {
            files["runtime.yaml"] = ConnectRuntime.Yaml();
            files["launcher.kubernetes.profiles.conf"] = "";
        }
        var configMap = Kube.New<V1ConfigMap>(c.Name, ns, c.Labels);
        configMap.Data = Kube.Sorted(files);
        objects.Add(configMap);

        var additional = Volumes.Additional(c, spec.AdditionalVolumes);
        Dictionary<string, string>? templates = null;
        if (offHost)
        {
            templates = new Dictionary<string, string>
            {
                ["job.tpl"] = LauncherTemplates.Job,
                ["service.tpl"] = LauncherTemplates.Service,
                ["rstudio-library-templates-data.tpl"] = LauncherTemplates.Data(ObjectJson.ToNode(SessionConfig(connect, c, backend, additional.Volumes, additional.Mounts))),
            };
            var templateMap = Kube.New<V1ConfigMap>(c.Named("templates"), ns, c.Labels);
            templateMap.Data = Kube.Sorted(templates);
            objects.Add(templateMap);
            var (role, binding) = Accounts.Launcher(c, c.Name, sessionNamespace);
            objects.Add(role);
            objects.Add(binding);
            if (backend.IsAws && !string.IsNullOrEmpty(spec.DsnSecret)) objects.Add(SiteSessionProviderClass(c, spec, sessionNamespace));
        }

        objects.Add(Accounts.ServiceAccount(c.Name, c, aws.RoleAnnotation("pub")));
        objects.Add(Accounts.ServiceAccount(c.Named("session"), c, aws.RoleAnnotation("pub-ses")));
        if (spec.Volume is { Create: true } volume) objects.Add(Volumes.Claim(c.Name, c, volume, "2Gi", "ReadWriteMany"));
        objects.AddRange(additional.Claims);

        var annotations = new Dictionary<string, string> { [ConfigMapSha] = ConfigHash.Of(files) };
        if (templates is not null) annotations[TemplateSha] = ConfigHash.Of(templates);
        if (inputs.DatabasePasswordRevision(c.Name) is { } revision) annotations[DatabaseSha] = revision;
        var replicas = spec.Replicas is null or 0 ? 1 : spec.Replicas.Value;
        objects.Add(Deployment(connect, c, backend, license, keySecret, config, additional.Volumes, additional.Mounts, annotations, replicas));
        objects.Add(WebObjects.Service(c, 3939, sticky: true, ("metrics", 3232, 3232)));
        if (!string.IsNullOrEmpty(spec.Url))
        {
            objects.Add(WebObjects.Forward(c));
            objects.Add(WebObjects.Ingress(c, spec.Url, spec.IngressClass, spec.IngressAnnotations, c.Named("forward")));
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

    private V1Deployment Deployment(Api.Connect connect, Component c, SecretBackend backend, LicenseSetup license, string keySecret, ConnectConfig config,
        List<V1Volume> additionalVolumes, List<V1VolumeMount> additionalMounts, Dictionary<string, string> annotations, int replicas)
    {
        var spec = connect.Spec;
        var offHost = spec.OffHostExecution == true;
        var providerClass = c.Named("secrets");
        var volumes = new List<V1Volume> { Pods.ConfigMapVolume("config-volume", c.Name) };
        var mounts = new List<V1VolumeMount> { Pods.Mount("config-volume", "/etc/rstudio-connect/rstudio-connect.gcfg", "rstudio-connect.gcfg", true) };
        if (offHost)
        {
            mounts.Add(Pods.Mount("config-volume", ConnectConfigFile.RuntimeYaml, "runtime.yaml", true));
            mounts.Add(Pods.Mount("config-volume", ConnectConfigFile.ProfilesConf, "launcher.kubernetes.profiles.conf", true));
            volumes.Add(Pods.ConfigMapVolume("template-config", c.Named("templates"), Pods.Octal("644")));
            foreach (var file in new[] { "rstudio-library-templates-data.tpl", "job.tpl", "service.tpl" })
                mounts.Add(Pods.Mount("template-config", $"{ConnectConfigFile.ScratchPath}/Kubernetes/{file}", file, true));
        }

        volumes.Add(Pods.SecretVolume("key-volume", keySecret, [(backend.IsAws ? "secret.key" : "key", "secret.key")], Pods.Octal("600")));
        mounts.Add(Pods.Mount("key-volume", "/var/lib/rstudio-connect/db/secret.key", "secret.key", true));
        volumes.AddRange(license.Volumes(providerClass));
        if (spec.License?.Type is null or "" && volumes.LastOrDefault(v => v.Name == LicenseSetup.Volume)?.Secret is { } optionalLicense) optionalLicense.Optional = true;
        mounts.AddRange(license.Mounts());
        if (backend.IsAws)
        {
            volumes.Add(SecretBackend.CsiVolume("secret-csi-volume", providerClass));
            mounts.Add(Pods.Mount("secret-csi-volume", "/mnt/secrets-store", readOnly: true));
        }
        if (spec.Auth?.Type == "oidc")
        {
            volumes.Add(backend.IsAws
                ? SecretBackend.CsiVolume("client-secret-volume", providerClass)
                : Pods.SecretVolume("client-secret-volume", backend.Vault, [("pub-client-secret", "client-secret")]));
            mounts.Add(Pods.Mount("client-secret-volume", ConnectConfigFile.ClientSecretFile, "client-secret", true));
        }
        if (spec.Volume is { } data)
        {
            volumes.Add(Pods.Pvc("data-dir-volume", Volumes.ClaimName(data, c.Name)));
            mounts.Add(Pods.Mount("data-dir-volume", "/var/lib/rstudio-connect"));
        }
        volumes.AddRange(additionalVolumes);
        mounts.AddRange(additionalMounts);
        volumes.Add(Pods.ProjectedToken());
        mounts.Add(Pods.ProjectedTokenMount());

        var env = new List<V1EnvVar>(Pods.Env(spec.AddEnv));
        env.AddRange(license.Env());
        env.Add(backend.Env("CONNECT_POSTGRES_PASSWORD", PasswordKey, c.Named("db"), "password"));
        env.Add(backend.Env("CONNECT_POSTGRES_INSTRUMENTATIONPASSWORD", PasswordKey, c.Named("db"), "password"));
        if (config.Server?.EmailProvider == "SMTP")
            foreach (var (name, key) in new[] { ("CONNECT_SMTP_HOST", "smtp-host"), ("CONNECT_SMTP_PORT", "smtp-port"), ("CONNECT_SMTP_USER", "smtp-user"), ("CONNECT_SMTP_PASSWORD", "smtp-password") })
                env.Add(backend.Env(name, key, c.Named("smtp"), key));

        var container = new V1Container
        {
            Name = "connect",
            Image = string.IsNullOrEmpty(spec.Image) ? Images.Connect : spec.Image,
            ImagePullPolicy = string.IsNullOrEmpty(spec.ImagePullPolicy) ? null : spec.ImagePullPolicy,
            Command = spec.Sleep == true ? [.. Pods.SleepCommand] : ["tini", "--", "/usr/local/bin/startup.sh"],
            Env = env,
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 3939 }, new V1ContainerPort { Name = "metrics", ContainerPort = 3232 }],
            ReadinessProbe = spec.Sleep == true ? null : Pods.HttpProbe("/__ping__", 3939),
            // On-host execution sandboxes content itself, which needs a privileged container.
            SecurityContext = new V1SecurityContext { Privileged = !offHost },
            VolumeMounts = mounts,
        };
        var containers = new List<V1Container> { container };
        if (!string.IsNullOrEmpty(spec.ChronicleImage))
            containers.Add(ChronicleSidecar.Container(spec.ChronicleImage, $"http://{c.ServiceHost($"{c.Site}-chronicle")}",
                spec.ChronicleSidecarProductApiKeyEnabled == true ? backend.IsAws ? (c.Named("chronicle"), "api-key") : (backend.Vault, "pub-chronicle-api-key") : null));

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
                    ImagePullSecrets = Pods.PullSecrets(spec.ImagePullSecrets),
                    Affinity = Pods.AntiAffinity(c),
                    Containers = containers,
                    Volumes = volumes,
                },
            },
        };
        return deployment;
    }

    /// <summary>The session config with Connect's defaults merged in, as upstream merges them.</summary>
    private static SessionConfig SessionConfig(Api.Connect connect, Component c, SecretBackend backend, List<V1Volume> additionalVolumes, List<V1VolumeMount> additionalMounts)
    {
        var spec = connect.Spec;
        var session = spec.SessionConfig is null ? new SessionConfig() : ObjectJson.Clone(spec.SessionConfig);
        var labels = c.SessionLabels;
        session.Service ??= new SessionServiceConfig();
        session.Service.Type = string.IsNullOrEmpty(session.Service.Type) ? "ClusterIP" : session.Service.Type;
        session.Service.Labels = Kube.Merge(session.Service.Labels, labels);

        var volumes = new List<V1Volume> { new() { Name = "init-volume", EmptyDir = new V1EmptyDirVolumeSource() } };
        var mounts = new List<V1VolumeMount> { Pods.Mount("init-volume", "/opt/rstudio-connect/") };
        volumes.AddRange(additionalVolumes);
        mounts.AddRange(additionalMounts);
        if (!string.IsNullOrEmpty(spec.DsnSecret))
        {
            volumes.Add(backend.IsAws
                ? SecretBackend.CsiVolume("dsn-volume", c.Named("site-session"))
                : Pods.SecretVolume("dsn-volume", backend.Vault, [(spec.DsnSecret, "odbc.ini")], Pods.Octal("655")));
            mounts.Add(Pods.Mount("dsn-volume", "/etc/odbc.ini", "odbc.ini", true));
        }
        var init = new V1Container
        {
            Name = "init-runtime",
            Image = string.IsNullOrEmpty(spec.SessionImage) ? Images.ConnectSessionInit : spec.SessionImage,
            ImagePullPolicy = "Always",
            VolumeMounts = [Pods.Mount("init-volume", "/mnt/rstudio-connect-runtime")],
        };

        session.Pod ??= new SessionPodConfig();
        var pod = session.Pod;
        pod.Labels = Kube.Merge(pod.Labels, labels);
        pod.ServiceAccountName = string.IsNullOrEmpty(pod.ServiceAccountName) ? c.Named("session") : pod.ServiceAccountName;
        pod.Volumes = [.. pod.Volumes ?? [], .. volumes];
        pod.VolumeMounts = [.. pod.VolumeMounts ?? [], .. mounts];
        pod.InitContainers = [.. pod.InitContainers ?? [], init];
        session.Job ??= new SessionJobConfig();
        session.Job.Labels = Kube.Merge(session.Job.Labels, labels);
        return session;
    }

    /// <summary>AWS: the secrets the Connect pod mounts, and the Kubernetes Secrets synced from them for env references.</summary>
    private static SecretProviderClass ProviderClass(Api.Connect connect, Component c, SecretBackend backend) =>
        ProviderClasses.Build(c.Named("secrets"), c, backend.Vault,
            aliases:
            [
                ("pub-secret-key", "secret.key"),
                ("pub-db-password", "pub-db-password"),
                ("pub-license", "pub.lic"),
                .. connect.Spec.Auth?.Type == "oidc" ? [("pub-client-secret", "client-secret")] : Array.Empty<(string, string)>(),
                .. connect.Spec.Config?.Server?.EmailProvider == "SMTP"
                    ? [("smtp-host", "smtp-host"), ("smtp-port", "smtp-port"), ("smtp-user", "smtp-user"), ("smtp-password", "smtp-password")]
                    : Array.Empty<(string, string)>(),
                .. connect.Spec.ChronicleSidecarProductApiKeyEnabled == true ? [("pub-chronicle-api-key", "pub-chronicle-api-key")] : Array.Empty<(string, string)>(),
            ],
            synced:
            [
                (c.Named("secret-key"), [("secret.key", "secret.key")]),
                (c.Named("db"), [("pub-db-password", "password")]),
                .. connect.Spec.Config?.Server?.EmailProvider == "SMTP"
                    ? [(c.Named("smtp"), new[] { ("smtp-host", "smtp-host"), ("smtp-port", "smtp-port"), ("smtp-user", "smtp-user"), ("smtp-password", "smtp-password") })]
                    : Array.Empty<(string, (string, string)[])>(),
                .. connect.Spec.ChronicleSidecarProductApiKeyEnabled == true
                    ? [(c.Named("chronicle"), new[] { ("pub-chronicle-api-key", "api-key") })]
                    : Array.Empty<(string, (string, string)[])>(),
            ]);

    /// <summary>AWS and a DSN: the session-side provider class with the site's session secrets (in the sessions' namespace).</summary>
    private static SecretProviderClass SiteSessionProviderClass(Component c, ConnectSpec spec, string sessionNamespace)
    {
        var vault = $"{spec.WorkloadCompoundName}-{c.Site}.sessions.posit.team";
        var spc = ProviderClasses.Build(c.Named("site-session"), c, vault, [(spec.DsnSecret!, "odbc.ini")], []);
        spc.Metadata.NamespaceProperty = sessionNamespace;
        return spc;
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
