using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>Owner references, as <c>controllerutil.SetControllerReference</c> writes them.</summary>
public static class OwnerReferences
{
    public static V1OwnerReference ControllerReference(IKubernetesObject<V1ObjectMeta> owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid ?? throw new InvalidOperationException($"{owner.Kind} {owner.Metadata.Name} has no uid yet: read it back from the store first"),
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>Sets <paramref name="owner"/> as the controller of <paramref name="obj"/>, replacing any earlier reference to it.</summary>
    public static void SetController(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> owner)
    {
        var reference = ControllerReference(owner);
        var list = obj.Metadata.OwnerReferences?.Where(r => r.Uid != reference.Uid).ToList() ?? [];
        if (list.Any(r => r.Controller == true))
            throw new InvalidOperationException($"{obj.Kind} {obj.Metadata.Name} already has a controller");
        list.Add(reference);
        obj.Metadata.OwnerReferences = list;
    }

    public static V1OwnerReference? GetController(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
}
