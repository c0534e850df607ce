using k8s.Models;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>PersistentVolumeClaims from <see cref="VolumeSpec"/>s.</summary>
internal static class Volumes
{
    public static V1PersistentVolumeClaim Claim(string name, Component component, VolumeSpec spec, string defaultSize, params string[] defaultModes)
    {
        var claim = Kube.New<V1PersistentVolumeClaim>(name, component.Namespace, component.Labels);
        claim.Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = spec.AccessModes is { Count: > 0 } modes ? [.. modes] : [.. defaultModes],
            VolumeName = string.IsNullOrEmpty(spec.VolumeName) ? null : spec.VolumeName,
            StorageClassName = string.IsNullOrEmpty(spec.StorageClassName) ? null : spec.StorageClassName,
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(string.IsNullOrEmpty(spec.Size) ? defaultSize : spec.Size) },
            },
        };
        return claim;
    }

    /// <summary>The claim a product mounts for <paramref name="spec"/>: its own (created) or the one named by <c>pvcName</c>.</summary>
    public static string ClaimName(VolumeSpec spec, string created) => spec.Create == true || string.IsNullOrEmpty(spec.PvcName) ? created : spec.PvcName;

    /// <summary>Additional volumes: claims to create (those with <c>create</c>) and mounts for each.</summary>
    public static (List<V1PersistentVolumeClaim> Claims, List<V1Volume> Volumes, List<V1VolumeMount> Mounts) Additional(Component component, IEnumerable<VolumeSpec>? specs)
    {
        var claims = new List<V1PersistentVolumeClaim>();
        var volumes = new List<V1Volume>();
        var mounts = new List<V1VolumeMount>();
        foreach (var (spec, i) in (specs ?? []).Select((s, i) => (s, i)))
        {
            var claim = string.IsNullOrEmpty(spec.PvcName) ? component.Named($"additional-{i}") : spec.PvcName;
            if (spec.Create == true) claims.Add(Claim(claim, component, spec, "10Gi", "ReadWriteMany"));
            var volume = $"addl-{claim}";
            volumes.Add(Pods.Pvc(volume, claim, spec.ReadOnly == true));
            if (!string.IsNullOrEmpty(spec.MountPath)) mounts.Add(Pods.Mount(volume, spec.MountPath, readOnly: spec.ReadOnly == true));
        }
        return (claims, volumes, mounts);
    }
}
