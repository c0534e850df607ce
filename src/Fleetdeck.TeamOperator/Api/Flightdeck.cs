using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Flightdeck, the Site's landing page (<c>core.posit.team/v1beta1</c>).</summary>
[KubernetesEntity(Group = TeamKinds.Group, ApiVersion = TeamKinds.Version, Kind = "Flightdeck", PluralName = "flightdecks")]
public sealed class Flightdeck : CustomResource<FlightdeckSpec, ProductStatus>;

public sealed class FlightdeckSpec
{
    [JsonPropertyName("siteName")]
    public string? SiteName { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    /// <summary>The container port (default 8080).</summary>
    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>Pods to run (default 1).</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("featureEnabler")]
    public FeatureEnablerConfig? FeatureEnabler { get; set; }

    /// <summary>The bare Site domain the landing page is served on.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    [JsonPropertyName("ingressClass")]
    public string? IngressClass { get; set; }

    [JsonPropertyName("ingressAnnotations")]
    public Dictionary<string, string>? IngressAnnotations { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<string>? ImagePullSecrets { get; set; }

    [JsonPropertyName("awsAccountId")]
    public string? AwsAccountId { get; set; }

    [JsonPropertyName("clusterDate")]
    public string? ClusterDate { get; set; }

    [JsonPropertyName("workloadCompoundName")]
    public string? WorkloadCompoundName { get; set; }

    /// <summary><c>debug</c>, <c>info</c> (default), <c>warn</c> or <c>error</c>.</summary>
    [JsonPropertyName("logLevel")]
    public string? LogLevel { get; set; }

    /// <summary><c>text</c> (default) or <c>json</c>.</summary>
    [JsonPropertyName("logFormat")]
    public string? LogFormat { get; set; }
}
