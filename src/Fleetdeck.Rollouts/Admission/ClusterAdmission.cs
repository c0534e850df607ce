using System.Globalization;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Admission;

/// <summary>Validation of Clusters: a way to reach it (kubeconfig Secret or simulated, not both), a positive scaling factor.</summary>
internal sealed class ClusterAdmission : IAdmission
{
    public void Default(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj is Cluster cluster) cluster.Spec.ScalingFactorString ??= "1.0";
    }

    public IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta>? old)
    {
        if (obj is not Cluster cluster) return [];
        var errors = new List<FieldError>();
        var spec = cluster.Spec;
        if (spec.KubeconfigSecret is null && spec.Simulated is null)
            errors.Add(new FieldError("spec.kubeconfigSecret", "Required value: a kubeconfig Secret, or spec.simulated for the embedded mode", FieldError.Required));
        if (spec.KubeconfigSecret is not null && spec.Simulated is not null)
            errors.Add(new FieldError("spec.simulated", "Forbidden: a cluster is either reached through spec.kubeconfigSecret or simulated, not both", FieldError.Forbidden));
        if (spec.ScalingFactorString is { } factor &&
            (!double.TryParse(factor, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || f <= 0 || double.IsInfinity(f)))
            errors.Add(new FieldError("spec.scalingFactorString", $"Invalid value: \"{factor}\": must be a number greater than 0"));
        if (spec.Simulated?.ReadyAfter is { } readyAfter && (!GoDuration.TryParse(readyAfter, out var d) || d < TimeSpan.Zero))
            errors.Add(new FieldError("spec.simulated.readyAfter", $"Invalid value: \"{readyAfter}\": not a duration (e.g. 2s)"));
        if (string.IsNullOrEmpty(cluster.Fleet))
            errors.Add(new FieldError($"metadata.labels[{RolloutsGroup.FleetLabel}]", "Required value: the fleet this cluster belongs to", FieldError.Required));
        return errors;
    }
}
