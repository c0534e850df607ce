using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api.ThirdParty;

/// <summary>The Keycloak operator's <c>Keycloak</c> (<c>k8s.keycloak.org/v2alpha1</c>), the fields Fleetdeck sets.</summary>
[KubernetesEntity(Group = "k8s.keycloak.org", ApiVersion = "v2alpha1", Kind = "Keycloak", PluralName = "keycloaks")]
public sealed class Keycloak : CustomResource<KeycloakSpec, ResourceStatus>;

public sealed class KeycloakSpec
{
    [JsonPropertyName("instances")]
    public int? Instances { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("hostname")]
    public KeycloakHostname? Hostname { get; set; }

    [JsonPropertyName("db")]
    public KeycloakDatabase? Db { get; set; }

    [JsonPropertyName("http")]
    public KeycloakHttp? Http { get; set; }

    [JsonPropertyName("ingress")]
    public KeycloakIngress? Ingress { get; set; }

    [JsonPropertyName("additionalOptions")]
    public List<KeycloakOption>? AdditionalOptions { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<V1LocalObjectReference>? ImagePullSecrets { get; set; }
}

public sealed class KeycloakHostname
{
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }
}

public sealed class KeycloakDatabase
{
    [JsonPropertyName("vendor")]
    public string? Vendor { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("database")]
    public string? Database { get; set; }

    [JsonPropertyName("usernameSecret")]
    public V1SecretKeySelector? UsernameSecret { get; set; }

    [JsonPropertyName("passwordSecret")]
    public V1SecretKeySelector? PasswordSecret { get; set; }
}

public sealed class KeycloakHttp
{
    [JsonPropertyName("httpEnabled")]
    public bool? HttpEnabled { get; set; }
}

public sealed class KeycloakIngress
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}

public sealed class KeycloakOption
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
