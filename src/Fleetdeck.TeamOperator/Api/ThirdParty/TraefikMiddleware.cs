using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api.ThirdParty;

/// <summary>Traefik's <c>Middleware</c> (<c>traefik.io/v1alpha1</c>), the part Fleetdeck uses: request and response headers.</summary>
[KubernetesEntity(Group = "traefik.io", ApiVersion = "v1alpha1", Kind = "Middleware", PluralName = "middlewares")]
public sealed class TraefikMiddleware : CustomResource<TraefikMiddlewareSpec, ResourceStatus>;

public sealed class TraefikMiddlewareSpec
{
    [JsonPropertyName("headers")]
    public TraefikHeaders? Headers { get; set; }
}

public sealed class TraefikHeaders
{
    [JsonPropertyName("customRequestHeaders")]
    public Dictionary<string, string>? CustomRequestHeaders { get; set; }

    [JsonPropertyName("customResponseHeaders")]
    public Dictionary<string, string>? CustomResponseHeaders { get; set; }

    [JsonPropertyName("contentSecurityPolicy")]
    public string? ContentSecurityPolicy { get; set; }
}
