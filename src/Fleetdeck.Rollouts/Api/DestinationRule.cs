using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Rollouts.Api;

/// <summary>Istio's <c>DestinationRule</c> (<c>networking.istio.io/v1beta1</c>): one subset per deployed tag.</summary>
[KubernetesEntity(Group = "networking.istio.io", ApiVersion = "v1beta1", Kind = "DestinationRule", PluralName = "destinationrules")]
public sealed class DestinationRule : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "networking.istio.io/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "DestinationRule";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public DestinationRuleSpec Spec { get; set; } = new();
}

public sealed record DestinationRuleSpec
{
    public string Host { get; set; } = "";

    public List<Subset> Subsets { get; set; } = [];
}

public sealed record Subset
{
    public string Name { get; set; } = "";

    public Dictionary<string, string> Labels { get; set; } = [];
}
