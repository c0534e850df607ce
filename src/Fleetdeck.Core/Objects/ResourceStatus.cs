using System.Text.Json.Serialization;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>What every status of ours carries. Kinds add their own fields in a subclass.</summary>
public class ResourceStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }
}
