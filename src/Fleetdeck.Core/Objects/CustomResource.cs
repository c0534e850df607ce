using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>
/// Base of Fleetdeck's own kinds: Kubernetes-shaped, with a typed spec and a status carrying
/// <c>observedGeneration</c> and conditions. The kind's group, version and names come from the
/// subclass's <see cref="KubernetesEntityAttribute"/>.
/// </summary>
public abstract class CustomResource<TSpec, TStatus> : IConditionedObject, ISpec<TSpec>
    where TSpec : new()
    where TStatus : ResourceStatus, new()
{
    private static readonly ConcurrentDictionary<Type, KubernetesEntityAttribute> Attributes = new();

    protected CustomResource()
    {
        var attribute = Attributes.GetOrAdd(GetType(), t => t.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{t.Name} needs a [KubernetesEntity] attribute"));
        ApiVersion = string.IsNullOrEmpty(attribute.Group) ? attribute.ApiVersion : $"{attribute.Group}/{attribute.ApiVersion}";
        Kind = attribute.Kind;
    }

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus Status { get; set; } = new();

    ResourceStatus IConditionedObject.Status => Status;
}
