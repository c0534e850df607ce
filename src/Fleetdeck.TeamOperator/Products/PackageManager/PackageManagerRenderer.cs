using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Products.PackageManager;

/// <summary>Everything a <c>PackageManager</c> object becomes: a pure function of its spec and the render inputs.</summary>
public sealed class PackageManagerRenderer(IRenderInputs inputs, RenderOptions? options = null)
{
    public const string ConfigMapSha = "package-manager.posit.team/configmap-sha";
    public const string DatabaseSha = "package-manager.posit.team/database-sha";
    public const string PasswordKey = "pkg-db-password";
    public const string AzureFilesDir = "/mnt/azure-files";

    private static readonly LicenseConstants License = new("RSPM_LICENSE", "RSPM_LICENSE_FILE_PATH", "/etc/rstudio-pm/license/license.lic", "pkg");

    public RenderedProduct Render(Api.PackageManager pm)
    {
        var spec = pm.Spec;
        var ns = pm.Metadata.NamespaceProperty ?? "default";
        var c = new Component(pm.Metadata.Name, ns, "packagemanager", "package-manager", "package-manager");
        var backend = SecretBackend.Of(spec.EffectiveSecretType, spec.Secret?.VaultName);
        var host = ProductDatabase.Host(spec, options?.FallbackDatabaseHost);
        var aws = new AwsIdentity(spec.AwsAccountId, spec.ClusterDate, spec.WorkloadCompoundName, c.Site);
        var license = new LicenseSetup(spec.License, License, c, backend);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var required = new List<(string, string)>();
        if (backend.IsKubernetes) required.Add((backend.Vault, "spec.secret.vaultName"));
        if (license.RequiredSecret is { } licenseSecret && spec.License?.Type == "FILE") required.Add((licenseSecret, "spec.license.existingSecretName"));

        objects.Add(ProductDatabase.Build(c, spec, backend, PasswordKey, host, ["pm", "metrics"]));
        var keySecret = c.Named("key");
        var key = Kube.New<V1Secret>(keySecret, ns, c.Labels);
        key.Type = "Opaque";
        key.Data = new Dictionary<string, byte[]> { ["key"] = System.Text.Encoding.UTF8.GetBytes(inputs.Generated(keySecret, "key", GeneratedValue.HexKey)) };
        objects.Add(key);
        if (license.KeySecret() is { } licenseKey) objects.Add(licenseKey);
        var sshKeys = spec.GitSshKeys ?? [];
        if (backend.IsAws)
        {
            objects.Add(ProviderClasses.Build(c.Named("secrets"), c, backend.Vault,
                [("pkg-license", "pkg.lic"), ("pkg-db-password", "pkg-db-password")],
                [(c.Named("db"), [("pkg-db-password", "password")])]));
        }
        if (sshKeys.Any(k => k.SecretRef?.Source == "aws-secrets-manager"))
        {
            objects.Add(ProviderClasses.Build(c.Named("ssh-secrets"), c, $"{spec.WorkloadCompoundName}-{c.Site}-ssh-ppm-keys.posit.team",
                sshKeys.Where(k => k.SecretRef?.Source == "aws-secrets-manager").Select(k => (k.SecretRef!.Name!, k.Name!)), []));
        }
        foreach (var ssh in sshKeys.Where(k => k.SecretRef?.Source == "kubernetes"))
            required.Add((ssh.SecretRef!.Name!, $"spec.gitSSHKeys[{sshKeys.IndexOf(ssh)}].secretRef.name"));

        var config = ConfigFile(spec, c, host);
        var files = new Dictionary<string, string> { ["rstudio-pm.gcfg"] = GcfgWriter.Write(ObjectJson.ToNode(config)) };
        var configMap = Kube.New<V1ConfigMap>(c.Name, ns, c.Labels);
        configMap.Data = files;
        objects.Add(configMap);
        objects.Add(Accounts.ServiceAccount(c.Name, c, aws.RoleAnnotation("pkg")));
        if (spec.Volume is { Create: true } volume) objects.Add(Volumes.Claim(c.Name, c, volume, "2Gi", "ReadWriteMany"));
        if (spec.AzureFiles is { } azure)
        {
            objects.Add(Volumes.Claim(c.Named("azure-files"), c,
                new VolumeSpec { StorageClassName = azure.StorageClassName, Size = $"{Math.Max(azure.ShareSizeGiB ?? 100, 100)}Gi" }, "100Gi", "ReadWriteMany"));
        }

        var annotations = new Dictionary<string, string> { [ConfigMapSha] = ConfigHash.Of(files) };
        if (inputs.DatabasePasswordRevision(c.Name) is { } revision) annotations[DatabaseSha] = revision;
        var replicas = spec.Replicas is null or 0 ? 1 : spec.Replicas.Value;
        objects.Add(Deployment(pm, c, backend, license, keySecret, annotations, replicas));
        objects.Add(WebObjects.Service(c, 4242, sticky: false, ("metrics", 2112, 2112)));
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

    /// <summary>The spec's config with the database, address and storage the operator owns.</summary>
    private static PackageManagerConfig ConfigFile(PackageManagerSpec spec, Component c, string host)
    {
        var config = spec.Config is null ? new PackageManagerConfig() : ObjectJson.Clone(spec.Config);
        config.Server ??= new PackageManagerServerConfig();
        if (!string.IsNullOrEmpty(spec.Url)) config.Server.Address = $"https://{spec.Url}";
        config.Database = new PackageManagerDatabaseConfig { Provider = "postgres" };
        config.Postgres = new PackageManagerPostgresConfig
        {
            Url = ProductDatabase.SchemaUrl(c, host, "pm", spec.DatabaseConfig?.SslMode),
            UsageDataUrl = ProductDatabase.SchemaUrl(c, host, "metrics", spec.DatabaseConfig?.SslMode),
        };
        if (spec.AzureFiles is not null)
        {
            config.Server.DataDir = AzureFilesDir;
            config.Storage = new PackageManagerStorageConfig { Default = "file" };
        }
        return config;
    }

    private static V1Deployment Deployment(Api.PackageManager pm, Component c, SecretBackend backend, LicenseSetup license, string keySecret,
        Dictionary<string, string> annotations, int replicas)
    {
        var spec = pm.Spec;
        var volumes = new List<V1Volume> { Pods.ConfigMapVolume("config-volume", c.Name) };
        var mounts = new List<V1VolumeMount> { Pods.Mount("config-volume", "/etc/rstudio-pm/rstudio-pm.gcfg", "rstudio-pm.gcfg", true) };
        volumes.AddRange(license.Volumes(c.Named("secrets")));
        if (spec.License?.Type is null or "" && volumes.LastOrDefault(v => v.Name == LicenseSetup.Volume)?.Secret is { } optionalLicense) optionalLicense.Optional = true;
        mounts.AddRange(license.Mounts());
        if (backend.IsAws)
        {
            volumes.Add(SecretBackend.CsiVolume("secret-csi-volume", c.Named("secrets")));
            mounts.Add(Pods.Mount("secret-csi-volume", "/mnt/secrets-store", readOnly: true));
        }
        if (spec.Volume is { } data)
        {
            volumes.Add(Pods.Pvc("data-volume", Volumes.ClaimName(data, c.Name)));
            mounts.Add(Pods.Mount("data-volume", "/var/lib/rstudio-pm"));
        }
        if (spec.AzureFiles is not null)
        {
            volumes.Add(Pods.Pvc("azure-files-volume", c.Named("azure-files")));
            mounts.Add(Pods.Mount("azure-files-volume", AzureFilesDir));
        }
        foreach (var ssh in spec.GitSshKeys ?? [])
        {
            var volume = $"ssh-key-{ssh.Name}";
            if (ssh.SecretRef?.Source == "aws-secrets-manager")
                volumes.Add(SecretBackend.CsiVolume(volume, c.Named("ssh-secrets")));
            else if (ssh.SecretRef?.Source == "kubernetes")
                volumes.Add(Pods.SecretVolume(volume, ssh.SecretRef.Name!, [(string.IsNullOrEmpty(ssh.SecretRef.Key) ? "ssh-privatekey" : ssh.SecretRef.Key, ssh.Name!)], Pods.Octal("400")));
            else
                continue;
            mounts.Add(Pods.Mount(volume, $"/mnt/ssh-keys/{ssh.Name}", ssh.Name, true));
        }

        var env = new List<V1EnvVar>(Pods.Env(spec.AddEnv));
        env.AddRange(license.Env());
        env.Add(SecretBackend.SecretEnv("PACKAGEMANAGER_SECRET_KEY", keySecret, "key"));
        env.Add(backend.Env("PACKAGEMANAGER_POSTGRES_PASSWORD", PasswordKey, c.Named("db"), "password"));
        env.Add(backend.Env("PACKAGEMANAGER_POSTGRES_USAGEDATAPASSWORD", PasswordKey, c.Named("db"), "password"));

        var containers = new List<V1Container>
        {
            new()
            {
                Name = "rspm",
                Image = string.IsNullOrEmpty(spec.Image) ? Images.PackageManager : spec.Image,
                ImagePullPolicy = string.IsNullOrEmpty(spec.ImagePullPolicy) ? null : spec.ImagePullPolicy,
                Command = spec.Sleep == true ? [.. Pods.SleepCommand] : ["tini", "--", "/usr/local/bin/startup.sh"],
                Env = env,
                Ports = [new V1ContainerPort { Name = "http", ContainerPort = 4242 }, new V1ContainerPort { Name = "metrics", ContainerPort = 2112 }],
                ReadinessProbe = spec.Sleep == true ? null : Pods.HttpProbe("/__ping__", 4242),
                VolumeMounts = mounts,
            },
        };
        // Upstream omits the scheme for Package Manager's agent address; the agent needs one.
        if (!string.IsNullOrEmpty(spec.ChronicleImage))
            containers.Add(ChronicleSidecar.Container(spec.ChronicleImage, $"http://{c.ServiceHost($"{c.Site}-chronicle")}", null));

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
}
