using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.TeamOperator.Simulation;

/// <summary>
/// SIMULATED workloads for <c>fleetdeck up</c>: nothing runs pods on one machine, so this fills in the status of
/// Deployments, StatefulSets and DaemonSets as a kubelet and the workload controllers would once their pods are up,
/// <see cref="SimulatorOptions.StartupDelay"/> after a generation is first seen. Every condition it writes says it is
/// simulated. A workload annotated <c>simulation.fleetdeck.dev/fail: "why"</c> (or chosen by
/// <see cref="SimulatorOptions.Fail"/>) reports a failed rollout instead. Never part of <c>fleetdeck operator</c>.
/// </summary>
internal sealed class WorkloadSimulator<T>(ControllerContext context, SimulatorOptions options) : IReconciler
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public const string SimulatedReason = "Simulated";
    public const string Message = "simulated by fleetdeck up: no pods run on this machine";

    // When each (object, generation) was first seen: the rollout "takes" the startup delay from there.
    private readonly ConcurrentDictionary<(string Uid, long Generation), DateTimeOffset> _seen = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var workload = context.Cache.Get<T>(context.Kinds, key.Namespace, key.Name);
        if (workload is null || workload.Metadata.DeletionTimestamp is not null)
        {
            foreach (var seen in _seen.Keys.Where(k => workload is null || k.Uid == workload.Metadata.Uid)) _seen.TryRemove(seen, out _);
            return ReconcileResult.Done;
        }
        var generation = workload.Metadata.Generation ?? 1;
        var failure = workload.Metadata.Annotations?.TryGetValue(SimulatorOptions.FailAnnotation, out var annotated) == true ? annotated : options.Fail?.Invoke(workload);
        var now = context.Time.GetUtcNow();
        var first = _seen.GetOrAdd((workload.Metadata.Uid, generation), now);
        var remaining = first + options.StartupDelay - now;
        if (failure is null && remaining > TimeSpan.Zero && !AlreadyReported(workload, generation)) return ReconcileResult.After(remaining);

        var changed = workload switch
        {
            V1Deployment d => Deployment(d, generation, failure, now),
            V1StatefulSet s => StatefulSet(s, generation, failure, now),
            V1DaemonSet d => DaemonSet(d, generation, failure),
            _ => false,
        };
        if (changed) await context.Applier.ApplyStatusAsync(workload, cancellationToken).ConfigureAwait(false);
        foreach (var old in _seen.Keys.Where(k => k.Uid == workload.Metadata.Uid && k.Generation < generation)) _seen.TryRemove(old, out _);
        return ReconcileResult.Done;
    }

    /// <summary>A restart must not replay the delay for a rollout already reported.</summary>
    private static bool AlreadyReported(T workload, long generation) => workload switch
    {
        V1Deployment d => d.Status?.ObservedGeneration == generation,
        V1StatefulSet s => s.Status?.ObservedGeneration == generation,
        V1DaemonSet d => d.Status?.ObservedGeneration == generation,
        _ => false,
    };

    private static bool Deployment(V1Deployment deployment, long generation, string? failure, DateTimeOffset now)
    {
        var replicas = deployment.Spec?.Replicas ?? 1;
        var available = failure is null ? replicas : 0;
        var before = Kubernetes(deployment.Status);
        var status = deployment.Status ??= new V1DeploymentStatus();
        status.ObservedGeneration = generation;
        status.Replicas = replicas;
        status.UpdatedReplicas = replicas;
        status.ReadyReplicas = available;
        status.AvailableReplicas = available;
        status.UnavailableReplicas = replicas - available == 0 ? null : replicas - available;
        status.Conditions = SetConditions(status.Conditions, now,
            failure is null
                ? [("Available", "True", "SimulatedAvailable", Message), ("Progressing", "True", "SimulatedNewReplicaSetAvailable", Message)]
                : [("Available", "False", "SimulatedFailure", $"simulated failure: {failure}"), ("Progressing", "False", "ProgressDeadlineExceeded", $"simulated failure: {failure}")]);
        return before != Kubernetes(status);
    }

    private static bool StatefulSet(V1StatefulSet set, long generation, string? failure, DateTimeOffset now)
    {
        var replicas = set.Spec?.Replicas ?? 1;
        var ready = failure is null ? replicas : 0;
        var before = Kubernetes(set.Status);
        var status = set.Status ??= new V1StatefulSetStatus();
        status.ObservedGeneration = generation;
        status.Replicas = replicas;
        status.CurrentReplicas = replicas;
        status.UpdatedReplicas = replicas;
        status.ReadyReplicas = ready;
        status.AvailableReplicas = ready;
        status.Conditions = [.. SetConditions(status.Conditions?.Select(c => new V1DeploymentCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime }).ToList(), now,
            failure is null
                ? [("Simulated", "True", SimulatedReason, Message)]
                : [("Simulated", "False", "SimulatedFailure", $"simulated failure: {failure}")])
            .Select(c => new V1StatefulSetCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime })];
        return before != Kubernetes(status);
    }

    private static bool DaemonSet(V1DaemonSet set, long generation, string? failure)
    {
        // One node: one pod.
        var before = Kubernetes(set.Status);
        var status = set.Status ??= new V1DaemonSetStatus();
        status.ObservedGeneration = generation;
        status.DesiredNumberScheduled = 1;
        status.CurrentNumberScheduled = 1;
        status.UpdatedNumberScheduled = 1;
        status.NumberReady = failure is null ? 1 : 0;
        status.NumberAvailable = failure is null ? 1 : 0;
        status.NumberUnavailable = failure is null ? null : 1;
        status.NumberMisscheduled = 0;
        return before != Kubernetes(status);
    }

    private static List<V1DeploymentCondition> SetConditions(IList<V1DeploymentCondition>? existing, DateTimeOffset now,
        (string Type, string Status, string Reason, string Message)[] wanted)
    {
        var result = new List<V1DeploymentCondition>();
        foreach (var (type, value, reason, message) in wanted)
        {
            var old = existing?.FirstOrDefault(c => c.Type == type);
            var since = old is not null && old.Status == value ? old.LastTransitionTime : Conditions.Truncate(now);
            result.Add(new V1DeploymentCondition
            {
                Type = type,
                Status = value,
                Reason = reason,
                Message = message,
                LastTransitionTime = since,
                LastUpdateTime = old is not null && old.Status == value && old.Reason == reason && old.Message == message ? old.LastUpdateTime : Conditions.Truncate(now),
            });
        }
        return result;
    }

    private static string Kubernetes(object? status) => status is null ? "" : Core.Serialization.ObjectJson.Serialize(status);
}
