using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>The Kubernetes built-in kinds, described with KubernetesClient's model types.</summary>
internal static class BuiltInKinds
{
    private static readonly PrinterColumn[] ReplicaColumns =
    [
        new("Ready", "string", ".status.readyReplicas"),
        new("Desired", "integer", ".spec.replicas"),
    ];

    // The kinds a real API server lists under the "all" category (what `kubectl get all` shows).
    private static readonly string[] All = ["all"];

    public static void AddTo(KindRegistry registry)
    {
        registry
            .Add<V1Namespace>(k => k with { Namespaced = false, ShortNames = ["ns"] })
            .Add<V1ConfigMap>(k => k with { HasStatus = false, ShortNames = ["cm"] })
            .Add<V1Secret>(k => k with { HasStatus = false, PrinterColumns = [new("Type", "string", ".type")] })
            .Add<V1Service>(k => k with { Categories = All, ShortNames = ["svc"], PrinterColumns = [new("Type", "string", ".spec.type"), new("Cluster-IP", "string", ".spec.clusterIP")] })
            .Add<V1ServiceAccount>(k => k with { HasStatus = false, ShortNames = ["sa"] })
            .Add<V1PersistentVolumeClaim>(k => k with { ShortNames = ["pvc"], PrinterColumns = [new("Status", "string", ".status.phase"), new("Volume", "string", ".spec.volumeName")] })
            .Add<V1PersistentVolume>(k => k with { Namespaced = false, ShortNames = ["pv"] })
            .Add<Corev1Event>(k => k with { HasStatus = false, ShortNames = ["ev"] })
            .Add<V1Deployment>(k => k with { Categories = All, ShortNames = ["deploy"], PrinterColumns = ReplicaColumns })
            .Add<V1StatefulSet>(k => k with { Categories = All, ShortNames = ["sts"], PrinterColumns = ReplicaColumns })
            .Add<V1DaemonSet>(k => k with { Categories = All, ShortNames = ["ds"] })
            .Add<V1ReplicaSet>(k => k with { Categories = All, ShortNames = ["rs"], PrinterColumns = ReplicaColumns })
            .Add<V1Job>(k => k with { Categories = All })
            .Add<V1Ingress>(k => k with { ShortNames = ["ing"] })
            .Add<V1NetworkPolicy>(k => k with { HasStatus = false, ShortNames = ["netpol"] })
            .Add<V1PodDisruptionBudget>(k => k with { ShortNames = ["pdb"] })
            .Add<V1Role>(k => k with { HasStatus = false })
            .Add<V1RoleBinding>(k => k with { HasStatus = false })
            .Add<V1ClusterRole>(k => k with { HasStatus = false, Namespaced = false })
            .Add<V1ClusterRoleBinding>(k => k with { HasStatus = false, Namespaced = false })
            .Add<V1Lease>(k => k with { HasStatus = false, PrinterColumns = [new("Holder", "string", ".spec.holderIdentity")] })
            .Add<V2HorizontalPodAutoscaler>(k => k with { Categories = All, ShortNames = ["hpa"] })
            .Add<V1CustomResourceDefinition>(k => k with { Namespaced = false, ShortNames = ["crd", "crds"] });
    }
}
