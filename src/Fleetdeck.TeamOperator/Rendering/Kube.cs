using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>New objects with apiVersion and kind filled in from the model type, and our labels.</summary>
internal static class Kube
{
    public static T New<T>(string name, string? @namespace, IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null)
        where T : IKubernetesObject<V1ObjectMeta>, new()
    {
        var kind = KindRegistry.FromAttribute(typeof(T));
        var obj = new T
        {
            ApiVersion = kind.ApiVersion,
            Kind = kind.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = kind.Namespaced ? @namespace : null,
                Labels = labels is null ? null : new Dictionary<string, string>(labels),
                Annotations = annotations is null || annotations.Count == 0 ? null : Sorted(annotations),
            },
        };
        return obj;
    }

    /// <summary>A copy in key order, so rendered maps never depend on how they were built.</summary>
    public static Dictionary<string, string> Sorted(IEnumerable<KeyValuePair<string, string>> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);

    public static Dictionary<string, string>? SortedOrNull(IDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? null : Sorted(map);

    public static Dictionary<string, string> Merge(params IEnumerable<KeyValuePair<string, string>>?[] maps)
    {
        var result = new Dictionary<string, string>();
        foreach (var map in maps)
            foreach (var (k, v) in map ?? []) result[k] = v;
        return Sorted(result);
    }

    public static V1OwnerReference? Owner(IKubernetesObject<V1ObjectMeta> obj) => OwnerReferences.GetController(obj);
}
