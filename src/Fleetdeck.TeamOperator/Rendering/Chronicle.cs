using k8s.Models;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>The Chronicle agent sidecar put into product pods when the Site names an agent image.</summary>
internal static class ChronicleSidecar
{
    public const string AuditVolume = "chronicle-audit";

    /// <param name="serverAddress">Where the agent sends data (<c>http://&lt;site&gt;-chronicle.&lt;ns&gt;.svc.cluster.local</c>).</param>
    /// <param name="apiKeySecret">With <c>chronicleSidecarProductApiKeyEnabled</c>, the Secret and key holding the product's API key.</param>
    public static V1Container Container(string image, string serverAddress, (string Secret, string Key)? apiKeySecret, IEnumerable<V1VolumeMount>? mounts = null)
    {
        var env = new List<V1EnvVar> { new() { Name = "CHRONICLE_SERVER_ADDRESS", Value = serverAddress } };
        if (apiKeySecret is { } key) env.Add(SecretBackend.SecretEnv("CHRONICLE_PRODUCT_API_KEY", key.Secret, key.Key));
        return new V1Container
        {
            Name = "chronicle-agent",
            Image = image,
            ImagePullPolicy = "IfNotPresent",
            Env = env,
            VolumeMounts = mounts?.ToList() is { Count: > 0 } list ? list : null,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("50Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("100Mi") },
            },
        };
    }
}
