using System.Globalization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>Whether a Deployment or StatefulSet is available at its current generation, and a sentence saying so.</summary>
internal static class WorkloadStatus
{
    public static (bool Available, string Message) Check(IObjectCache cache, KindRegistry kinds, string @namespace, string kind, string name) => kind switch
    {
        "Deployment" => Deployment(cache.Get<V1Deployment>(kinds, @namespace, name), name),
        "StatefulSet" => StatefulSet(cache.Get<V1StatefulSet>(kinds, @namespace, name), name),
        _ => (false, $"{kind} {name}: unknown workload kind"),
    };

    private static (bool, string) Deployment(V1Deployment? deployment, string name)
    {
        if (deployment is null) return (false, $"Deployment {name} does not exist yet");
        var wanted = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        if (status?.ObservedGeneration is null || status.ObservedGeneration < deployment.Metadata.Generation)
            return (false, $"Deployment {name}: waiting for the rollout of generation {deployment.Metadata.Generation} to be observed");
        var available = status.AvailableReplicas ?? 0;
        var failed = status.Conditions?.FirstOrDefault(c => c.Type == "Available" && c.Status == "False") ??
                     status.Conditions?.FirstOrDefault(c => c.Type == "Progressing" && c.Status == "False");
        if (available >= wanted && (status.UpdatedReplicas ?? 0) >= wanted && failed is null)
            return (true, F($"Deployment {name}: {available}/{wanted} available"));
        var why = failed is null ? "" : $" ({failed.Reason}: {failed.Message})";
        return (false, F($"Deployment {name}: {available}/{wanted} available{why}"));
    }

    private static (bool, string) StatefulSet(V1StatefulSet? set, string name)
    {
        if (set is null) return (false, $"StatefulSet {name} does not exist yet");
        var wanted = set.Spec?.Replicas ?? 1;
        var status = set.Status;
        if (status?.ObservedGeneration is null || status.ObservedGeneration < set.Metadata.Generation)
            return (false, $"StatefulSet {name}: waiting for generation {set.Metadata.Generation} to be observed");
        var ready = status.ReadyReplicas ?? 0;
        var failed = status.Conditions?.FirstOrDefault(c => c.Status == "False");
        if (ready >= wanted && failed is null) return (true, F($"StatefulSet {name}: {ready}/{wanted} ready"));
        var why = failed is null ? "" : $" ({failed.Reason}: {failed.Message})";
        return (false, F($"StatefulSet {name}: {ready}/{wanted} ready{why}"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
