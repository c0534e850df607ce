using k8s.Models;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>The product constants of licensing: env names and where the licence file goes.</summary>
internal sealed record LicenseConstants(string KeyEnv, string FilePathEnv, string FilePath, string Short);

/// <summary>
/// How a licence reaches the product. <c>FILE</c> (or empty): the file is mounted and its path set in env; from the
/// Kubernetes Secret <c>existingSecretName</c>/<c>existingSecretKey</c> (default <c>&lt;component&gt;-license</c>/<c>license.lic</c>) or
/// from AWS as <c>&lt;short&gt;.lic</c>. <c>KEY</c> (upstream ignores it): the key goes into a Secret of ours, passed by reference.
/// </summary>
internal sealed class LicenseSetup(LicenseSpec? license, LicenseConstants constants, Component component, SecretBackend backend)
{
    public const string Volume = "license-volume";

    public string KeySecretName => component.Named("license");

    public bool IsKey => license?.Type == "KEY";

    public V1Secret? KeySecret()
    {
        if (!IsKey) return null;
        var secret = Kube.New<V1Secret>(KeySecretName, component.Namespace, component.Labels);
        secret.Type = "Opaque";
        secret.Data = new Dictionary<string, byte[]> { ["license-key"] = System.Text.Encoding.UTF8.GetBytes(license!.Key ?? "") };
        return secret;
    }

    public IEnumerable<V1EnvVar> Env() => IsKey
        ? [SecretBackend.SecretEnv(constants.KeyEnv, KeySecretName, "license-key")]
        : [new V1EnvVar { Name = constants.FilePathEnv, Value = constants.FilePath }];

    public IEnumerable<V1Volume> Volumes(string awsProviderClass)
    {
        if (IsKey) yield break;
        yield return backend.IsAws
            ? SecretBackend.CsiVolume(Volume, awsProviderClass)
            : new V1Volume { Name = Volume, Secret = new V1SecretVolumeSource { SecretName = SecretName } };
    }

    public IEnumerable<V1VolumeMount> Mounts()
    {
        if (IsKey) yield break;
        yield return new V1VolumeMount { Name = Volume, MountPath = constants.FilePath, SubPath = backend.IsAws ? $"{constants.Short}.lic" : SecretKey, ReadOnlyProperty = true };
    }

    private string SecretName => string.IsNullOrEmpty(license?.ExistingSecretName) ? component.Named("license") : license.ExistingSecretName;

    private string SecretKey => string.IsNullOrEmpty(license?.ExistingSecretKey) ? "license.lic" : license.ExistingSecretKey;

    /// <summary>The Kubernetes Secret the pod reads the licence file from (null for AWS and KEY licences): a reference to check.</summary>
    public string? RequiredSecret => IsKey || backend.IsAws ? null : SecretName;
}
