using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites.Defaults;

/// <summary>The PackageManager object a Site asks for, with upstream's defaults.</summary>
internal static class PackageManagerDefaults
{
    public static Api.PackageManager Build(SiteContext site)
    {
        var s = site.Spec.PackageManager ?? new SitePackageManagerSpec();
        var pm = Kube.New<Api.PackageManager>(site.Name, site.Namespace, site.ProductLabels);
        var s3 = !string.IsNullOrEmpty(s.S3Bucket);
        pm.Spec = new PackageManagerSpec
        {
            AwsAccountId = site.Spec.AwsAccountId,
            ClusterDate = site.Spec.ClusterDate,
            WorkloadCompoundName = site.Spec.WorkloadCompoundName,
            License = s.License,
            // Packages are kept on a claim unless they go to S3 or Azure Files (upstream keeps them in the pod).
            Volume = s.Volume ?? (s3 || s.AzureFiles is not null ? null : new VolumeSpec { Create = true, Size = "2Gi" }),
            Secret = site.ProductSecret,
            WorkloadSecret = SiteContext.Copy(site.Spec.WorkloadSecret),
            MainDatabaseCredentialSecret = SiteContext.Copy(site.Spec.MainDatabaseCredentialSecret),
            Url = site.PackageManagerHost,
            DatabaseConfig = site.DatabaseConfig(),
            IngressClass = site.Spec.IngressClass,
            IngressAnnotations = SiteContext.Map(site.Spec.IngressAnnotations),
            ImagePullSecrets = SiteContext.List(site.Spec.ImagePullSecrets),
            NodeSelector = SiteContext.Map(s.NodeSelector),
            AddEnv = SiteContext.Map(s.AddEnv),
            Image = s.Image,
            ImagePullPolicy = s.ImagePullPolicy,
            ChronicleImage = site.ChronicleAgentImage,
            Replicas = s.Replicas is null or 0 ? 1 : s.Replicas,
            GitSshKeys = s.GitSshKeys is { Count: > 0 } keys ? [.. keys] : null,
            AzureFiles = s.AzureFiles,
            Config = new PackageManagerConfig
            {
                Server = new PackageManagerServerConfig { RVersion = ["/opt/R/default"] },
                Http = new PackageManagerHttpConfig { Listen = ":4242" },
                Git = new PackageManagerGitConfig { AllowUnsandboxedGitBuilds = true },
                Storage = s3 ? new PackageManagerStorageConfig { Default = "s3" } : null,
                S3Storage = s3 ? new PackageManagerS3StorageConfig { Bucket = s.S3Bucket, Prefix = $"{site.Name}/ppm-v0", Region = site.AwsRegion } : null,
                Metrics = new PackageManagerMetricsConfig { Enabled = true },
                Repos = new PackageManagerReposConfig { PyPI = "pypi", Cran = "cran", Bioconductor = "bioconductor" },
                Debug = site.Spec.Debug == true ? new PackageManagerDebugConfig { Log = "verbose" } : null,
            },
        };
        return pm;
    }
}
