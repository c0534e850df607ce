using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Posit Connect (<c>core.posit.team/v1beta1</c>, short names <c>con</c>, <c>cons</c>).</summary>
[KubernetesEntity(Group = TeamKinds.Group, ApiVersion = TeamKinds.Version, Kind = "Connect", PluralName = "connects")]
public sealed class Connect : CustomResource<ConnectSpec, KeyedProductStatus>;

public sealed class ConnectSpec : ProductSpecBase
{
    [JsonPropertyName("config")]
    public ConnectConfig? Config { get; set; }

    [JsonPropertyName("sessionConfig")]
    public SessionConfig? SessionConfig { get; set; }

    [JsonPropertyName("auth")]
    public AuthSpec? Auth { get; set; }

    /// <summary>Run content in Kubernetes Jobs through the Launcher rather than in the Connect pod.</summary>
    [JsonPropertyName("offHostExecution")]
    public bool? OffHostExecution { get; set; }

    [JsonPropertyName("sessionImage")]
    public string? SessionImage { get; set; }

    [JsonPropertyName("additionalVolumes")]
    public List<VolumeSpec>? AdditionalVolumes { get; set; }

    [JsonPropertyName("debug")]
    public bool? Debug { get; set; }

    [JsonPropertyName("dsnSecret")]
    public string? DsnSecret { get; set; }

    [JsonPropertyName("chronicleSidecarProductApiKeyEnabled")]
    public bool? ChronicleSidecarProductApiKeyEnabled { get; set; }
}
