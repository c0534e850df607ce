using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites.Defaults;

/// <summary>The Chronicle object a Site asks for: local storage, or S3 under <c>&lt;site&gt;/chr-v0</c> in the Site's region.</summary>
internal static class ChronicleDefaults
{
    public const string LocalData = "/var/lib/posit-chronicle/data";

    public static Api.Chronicle Build(SiteContext site)
    {
        var s = site.Spec.Chronicle ?? new SiteChronicleSpec();
        var chronicle = Kube.New<Api.Chronicle>(site.Name, site.Namespace, site.ProductLabels);
        var s3 = !string.IsNullOrEmpty(s.S3Bucket);
        chronicle.Spec = new ChronicleSpec
        {
            AwsAccountId = site.Spec.AwsAccountId,
            ClusterDate = site.Spec.ClusterDate,
            WorkloadCompoundName = site.Spec.WorkloadCompoundName,
            Image = s.Image,
            NodeSelector = SiteContext.Map(s.NodeSelector),
            AddEnv = SiteContext.Map(s.AddEnv),
            ImagePullSecrets = SiteContext.List(site.Spec.ImagePullSecrets),
            Config = new ChronicleConfig
            {
                Http = new ChronicleHttpConfig { Listen = ":5252" },
                Metrics = new ChronicleMetricsConfig { Enabled = true },
                Profiling = new ChronicleProfilingConfig { Enabled = false, Listen = ":3030" },
                S3Storage = s3 ? new ChronicleS3StorageConfig { Enabled = true, Bucket = s.S3Bucket, Prefix = $"{site.Name}/chr-v0", Region = site.AwsRegion } : null,
                LocalStorage = s3 ? null : new ChronicleLocalStorageConfig { Enabled = true, Location = LocalData },
                Logging = new ChronicleLoggingConfig
                {
                    ServiceLog = "STDOUT",
                    ServiceLogLevel = site.Spec.Debug == true ? "DEBUG" : "INFO",
                    ServiceLogFormat = site.Spec.LogFormat == "JSON" ? "JSON" : "TEXT",
                },
            },
        };
        return chronicle;
    }
}
