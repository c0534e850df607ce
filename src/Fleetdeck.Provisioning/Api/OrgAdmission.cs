using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Api;

/// <summary>The store's admission for Orgs, so one written with kubectl obeys the same rules as one made by the REST API.</summary>
internal sealed class OrgAdmission : IAdmission
{
    public void Default(IKubernetesObject<V1ObjectMeta> obj)
    {
        var org = (Org)obj;
        org.Spec.RetentionPolicy ??= RetentionPolicies.Retain;
    }

    public IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta>? old)
    {
        var org = (Org)obj;
        var errors = new List<FieldError>();
        if (OrgValidation.CheckId(org.Metadata.Name ?? "") is { } problem) errors.Add(new FieldError("metadata.name", problem));
        errors.AddRange(OrgValidation.ValidateSpec(org.Spec, "spec."));
        return errors;
    }
}
