using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Posit Workbench (<c>core.posit.team/v1beta1</c>, short names <c>wb</c>, <c>wbs</c>; plural <c>workbenches</c>).</summary>
[KubernetesEntity(Group = TeamKinds.Group, ApiVersion = TeamKinds.Version, Kind = "Workbench", PluralName = "workbenches")]
public sealed class Workbench : CustomResource<WorkbenchSpec, KeyedProductStatus>;

public sealed class WorkbenchSpec : ProductSpecBase
{
    [JsonPropertyName("config")]
    public WorkbenchConfig? Config { get; set; }

    [JsonPropertyName("secretConfig")]
    public WorkbenchSecretConfig? SecretConfig { get; set; }

    [JsonPropertyName("sessionConfig")]
    public SessionConfig? SessionConfig { get; set; }

    [JsonPropertyName("auth")]
    public AuthSpec? Auth { get; set; }

    /// <summary>The Site's domain: the frame ancestor allowed by the CSP middleware.</summary>
    [JsonPropertyName("parentUrl")]
    public string? ParentUrl { get; set; }

    [JsonPropertyName("nonRoot")]
    public bool? NonRoot { get; set; }

    [JsonPropertyName("tolerations")]
    public List<V1Toleration>? Tolerations { get; set; }

    [JsonPropertyName("offHostExecution")]
    public bool? OffHostExecution { get; set; }

    [JsonPropertyName("snowflake")]
    public SnowflakeConfig? Snowflake { get; set; }

    [JsonPropertyName("additionalVolumes")]
    public List<VolumeSpec>? AdditionalVolumes { get; set; }

    [JsonPropertyName("dsnSecret")]
    public string? DsnSecret { get; set; }

    [JsonPropertyName("chronicleSidecarProductApiKeyEnabled")]
    public bool? ChronicleSidecarProductApiKeyEnabled { get; set; }

    /// <summary>HTML for the sign-in page (at most 64 KiB), mounted at <c>/etc/rstudio/login.html</c>.</summary>
    [JsonPropertyName("authLoginPageHtml")]
    public string? AuthLoginPageHtml { get; set; }
}
