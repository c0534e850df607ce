namespace Fleetdeck.Core.Objects;

/// <summary>Namespace and name of one object; the namespace is null for cluster-scoped kinds.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> obj) =>
        new(string.IsNullOrEmpty(obj.Metadata?.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, obj.Metadata?.Name ?? "");

    public static ObjectKey Parse(string value)
    {
        var slash = value.IndexOf('/');
        return slash < 0 ? new ObjectKey(null, value) : new ObjectKey(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
