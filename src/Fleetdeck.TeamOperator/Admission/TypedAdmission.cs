using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Admission;

/// <summary>Admission for one of our kinds, typed.</summary>
public abstract class TypedAdmission<T> : IAdmission where T : class, IKubernetesObject<V1ObjectMeta>
{
    public void Default(IKubernetesObject<V1ObjectMeta> obj) => Default((T)obj);

    public IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta>? old)
    {
        var checks = new FieldChecks();
        Validate((T)obj, checks);
        return checks.Errors;
    }

    /// <summary>Fills in what upstream's CRD schema defaults; changes nothing already set.</summary>
    public abstract void Default(T obj);

    internal abstract void Validate(T obj, FieldChecks checks);
}
