using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>The labels that mark objects a Fleetdeck controller made and may change or delete.</summary>
public static class ManagedBy
{
    public const string Label = "app.kubernetes.io/managed-by";
    public const string Fleetdeck = "fleetdeck";

    public static bool IsManaged(IKubernetesObject<V1ObjectMeta> obj, string manager = Fleetdeck) =>
        obj.Metadata?.Labels is { } labels && labels.TryGetValue(Label, out var value) && value == manager;
}
