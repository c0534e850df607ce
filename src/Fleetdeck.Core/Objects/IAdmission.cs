using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>Admission for one kind: defaults filled in, then validation, before the store writes.</summary>
public interface IAdmission
{
    /// <summary>Fills in defaults in place (as CRD schema defaults would).</summary>
    void Default(IKubernetesObject<V1ObjectMeta> obj);

    /// <summary>Returns every problem found; an empty list admits the object.</summary>
    IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta>? old);
}
