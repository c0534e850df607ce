using System.Text.Json.Serialization;
using k8s.Models;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>How the Launcher builds session Jobs and Services (the data of <c>rstudio-library-templates-data.tpl</c>).</summary>
public sealed class SessionConfig
{
    [JsonPropertyName("service")]
    public SessionServiceConfig? Service { get; set; }

    [JsonPropertyName("pod")]
    public SessionPodConfig? Pod { get; set; }

    [JsonPropertyName("job")]
    public SessionJobConfig? Job { get; set; }
}

public sealed class SessionServiceConfig
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }
}

public sealed class SessionPodConfig
{
    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    [JsonPropertyName("volumes")]
    public List<V1Volume>? Volumes { get; set; }

    [JsonPropertyName("volumeMounts")]
    public List<V1VolumeMount>? VolumeMounts { get; set; }

    [JsonPropertyName("env")]
    public List<V1EnvVar>? Env { get; set; }

    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<V1LocalObjectReference>? ImagePullSecrets { get; set; }

    [JsonPropertyName("initContainers")]
    public List<V1Container>? InitContainers { get; set; }

    [JsonPropertyName("extraContainers")]
    public List<V1Container>? ExtraContainers { get; set; }

    [JsonPropertyName("containerSecurityContext")]
    public V1SecurityContext? ContainerSecurityContext { get; set; }

    [JsonPropertyName("defaultSecurityContext")]
    public V1SecurityContext? DefaultSecurityContext { get; set; }

    [JsonPropertyName("securityContext")]
    public V1SecurityContext? SecurityContext { get; set; }

    [JsonPropertyName("tolerations")]
    public List<V1Toleration>? Tolerations { get; set; }

    [JsonPropertyName("affinity")]
    public V1Affinity? Affinity { get; set; }

    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; set; }

    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }
}

public sealed class SessionJobConfig
{
    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }
}
