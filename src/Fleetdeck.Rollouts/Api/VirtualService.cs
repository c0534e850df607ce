using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Rollouts.Api;

/// <summary>Istio's <c>VirtualService</c> (<c>networking.istio.io/v1beta1</c>), the fields the engine writes.</summary>
[KubernetesEntity(Group = "networking.istio.io", ApiVersion = "v1beta1", Kind = "VirtualService", PluralName = "virtualservices")]
public sealed class VirtualService : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "networking.istio.io/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "VirtualService";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public VirtualServiceSpec Spec { get; set; } = new();
}

public sealed record VirtualServiceSpec
{
    public List<string> Hosts { get; set; } = [];

    public List<string> Gateways { get; set; } = [];

    public List<HttpRoute> Http { get; set; } = [];
}

public sealed record HttpRoute
{
    public string Name { get; set; } = "";

    public List<HttpMatchRequest> Match { get; set; } = [];

    public List<HttpRouteDestination> Route { get; set; } = [];
}

public sealed record HttpMatchRequest
{
    public Dictionary<string, StringMatch>? Headers { get; set; }

    public StringMatch? Authority { get; set; }

    public List<string>? Gateways { get; set; }

    public int? Port { get; set; }
}

public sealed record StringMatch
{
    public string? Exact { get; set; }

    public string? Regex { get; set; }
}

public sealed record HttpRouteDestination
{
    public Destination Destination { get; set; } = new();

    public int? Weight { get; set; }
}

public sealed record Destination
{
    public string Host { get; set; } = "";

    public string? Subset { get; set; }

    public PortSelector? Port { get; set; }
}

public sealed record PortSelector
{
    public int Number { get; set; }
}
