using k8s.Models;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>
/// Where a product's secrets come from: a Kubernetes Secret (the vault, read by key) or AWS Secrets Manager (mounted by
/// the Secrets Store CSI driver through a SecretProviderClass, which syncs Kubernetes Secrets for env references).
/// </summary>
internal sealed record SecretBackend(string Type, string Vault)
{
    public const string Kubernetes = "kubernetes";
    public const string Aws = "aws";
    public const string CsiDriver = "secrets-store.csi.k8s.io";

    public bool IsAws => Type == Aws;

    public bool IsKubernetes => Type == Kubernetes;

    public static SecretBackend Of(string type, string? vault, string field = "spec.secret")
    {
        if (type is not (Kubernetes or Aws))
            throw new RenderException($"{field}.type",
                type.Length == 0
                    ? "no secret backend: set type to \"kubernetes\" (a Secret named by vaultName) or \"aws\" (an AWS Secrets Manager secret)"
                    : $"secret type \"{type}\" holds no real secrets (it is for upstream's unit tests); use \"kubernetes\" or \"aws\"",
                "SecretBackendMissing");
        if (string.IsNullOrEmpty(vault))
            throw new RenderException($"{field}.vaultName", "Required value: the vault holding the product's secrets", "SecretBackendMissing");
        return new SecretBackend(type, vault);
    }

    /// <summary>An env var from the vault (Kubernetes) or from a Secret the CSI driver syncs (AWS).</summary>
    public V1EnvVar Env(string name, string vaultKey, string awsSecret, string awsKey) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = IsAws
                ? new V1SecretKeySelector { Name = awsSecret, Key = awsKey }
                : new V1SecretKeySelector { Name = Vault, Key = vaultKey },
        },
    };

    public static V1Volume CsiVolume(string name, string providerClass) => new()
    {
        Name = name,
        Csi = new V1CSIVolumeSource
        {
            Driver = CsiDriver,
            ReadOnlyProperty = true,
            VolumeAttributes = new Dictionary<string, string> { ["secretProviderClass"] = providerClass },
        },
    };

    public static V1EnvVar SecretEnv(string name, string secret, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } },
    };
}
