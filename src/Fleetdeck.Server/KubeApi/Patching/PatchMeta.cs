using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Fleetdeck.Server.KubeApi.Patching;

/// <summary>
/// The <c>patchStrategy</c>/<c>patchMergeKey</c> tags of the Kubernetes Go types, for the lists of the built-in kinds we
/// serve, found by walking KubernetesClient's model types. This is a hand-kept subset of the upstream tags: the common
/// lists (containers, init and ephemeral containers, env, ports, volumes, volume mounts and devices, image pull secrets,
/// host aliases, topology spread constraints, service ports, owner references, finalizers and status conditions). Any
/// other list is replaced whole by a patch, which is also what upstream does for lists without a strategy (tolerations,
/// envFrom, ingress rules, ...). A list upstream merges but this table lacks would be replaced instead.
/// </summary>
internal static class PatchMeta
{
    private static readonly ListStrategy ByName = new(true, "name");
    private static readonly ListStrategy ByType = new(true, "type");

    private static readonly Dictionary<(Type, string), ListStrategy> Lists = new()
    {
        [(typeof(V1PodSpec), "containers")] = ByName,
        [(typeof(V1PodSpec), "initContainers")] = ByName,
        [(typeof(V1PodSpec), "ephemeralContainers")] = ByName,
        [(typeof(V1PodSpec), "volumes")] = ByName,
        [(typeof(V1PodSpec), "imagePullSecrets")] = ByName,
        [(typeof(V1PodSpec), "hostAliases")] = new(true, "ip"),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new(true, "topologyKey"),
        [(typeof(V1Container), "env")] = ByName,
        [(typeof(V1Container), "ports")] = new(true, "containerPort"),
        [(typeof(V1Container), "volumeMounts")] = new(true, "mountPath"),
        [(typeof(V1Container), "volumeDevices")] = new(true, "devicePath"),
        [(typeof(V1EphemeralContainer), "env")] = ByName,
        [(typeof(V1EphemeralContainer), "ports")] = new(true, "containerPort"),
        [(typeof(V1EphemeralContainer), "volumeMounts")] = new(true, "mountPath"),
        [(typeof(V1EphemeralContainer), "volumeDevices")] = new(true, "devicePath"),
        [(typeof(V1ServiceSpec), "ports")] = new(true, "port"),
        [(typeof(V1ObjectMeta), "ownerReferences")] = new(true, "uid"),
        [(typeof(V1ObjectMeta), "finalizers")] = new(true, null),
        [(typeof(V1DeploymentStatus), "conditions")] = ByType,
        [(typeof(V1StatefulSetStatus), "conditions")] = ByType,
        [(typeof(V1DaemonSetStatus), "conditions")] = ByType,
        [(typeof(V1ReplicaSetStatus), "conditions")] = ByType,
        [(typeof(V1JobStatus), "conditions")] = ByType,
        [(typeof(V1PodStatus), "conditions")] = ByType,
        [(typeof(V1NamespaceStatus), "conditions")] = ByType,
        [(typeof(V1PersistentVolumeClaimStatus), "conditions")] = ByType,
        [(typeof(V1ServiceStatus), "conditions")] = ByType,
        [(typeof(V1PodDisruptionBudgetStatus), "conditions")] = ByType,
        [(typeof(V2HorizontalPodAutoscalerStatus), "conditions")] = ByType,
    };

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Properties = new();

    public static ListStrategy List(Type? parent, string field) =>
        parent is not null && Lists.TryGetValue((parent, field), out var strategy) ? strategy : ListStrategy.Replace;

    /// <summary>The type of a field of <paramref name="parent"/> (of a map's values when it is a dictionary); null when unknown.</summary>
    public static Type? Field(Type? parent, string field)
    {
        if (parent is null) return null;
        if (Dictionary(parent) is { } valueType) return valueType;
        var properties = Properties.GetOrAdd(parent, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .GroupBy(p => p.Name!)
            .ToDictionary(g => g.Key, g => Unwrap(g.First().PropertyType)));
        return properties.TryGetValue(field, out var type) ? type : null;
    }

    /// <summary>The element type of a list type, or the type itself.</summary>
    public static Type? Element(Type? type)
    {
        if (type is null || type == typeof(string)) return type;
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable is null ? type : Unwrap(enumerable.GetGenericArguments()[0]);
    }

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? Dictionary(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }
}
