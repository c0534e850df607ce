using System.Text.Json;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Fleet.Engine;

/// <summary>Waits for an object's <c>Ready</c> condition (for its current generation), or for it to be gone, within a timeout.</summary>
public static class ReadyWaiter
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task WaitAsync(IObjectStore store, IKubernetesObject<V1ObjectMeta> obj, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = store.KindOf(obj);
        var deadline = time.GetUtcNow() + timeout;
        string last = "not observed yet";
        while (true)
        {
            var live = await store.GetAsync(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (live is not null)
            {
                var node = ObjectJson.ToNode(live);
                var generation = live.Metadata.Generation ?? 0;
                // Engines that do not report observedGeneration (Crossplane claims) are taken at their Ready word.
                var observed = node["status"]?["observedGeneration"]?.GetValue<long>() ?? generation;
                var ready = (node["status"]?["conditions"] as System.Text.Json.Nodes.JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == Conditions.Ready);
                var status = ready?["status"]?.GetValue<string>();
                if (status == Conditions.True && observed >= generation) return;
                if (ready is not null)
                    last = $"Ready={status}{(ready["reason"] is { } r ? $" ({r.GetValue<string>()})" : "")}{(ready["message"] is { } m && m.GetValueKind() == JsonValueKind.String && m.GetValue<string>().Length > 0 ? $": {m.GetValue<string>()}" : "")}";
                else if (observed < generation) last = "not reconciled yet";
            }
            if (time.GetUtcNow() >= deadline)
                throw new StepFailedException($"{kind.Kind} {Describe(obj)} was not Ready within {HumanDuration.Format(timeout)}: {last}");
            await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task WaitGoneAsync(IObjectStore store, ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (await store.GetAsync(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name, cancellationToken).ConfigureAwait(false) is { } live)
        {
            if (time.GetUtcNow() >= deadline)
                throw new StepFailedException($"{kind.Kind} {Describe(obj)} is still there after {HumanDuration.Format(timeout)} (finalizers: {string.Join(", ", live.Metadata.Finalizers ?? [])})");
            await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.NamespaceProperty is { } ns ? $"{ns}/{obj.Metadata.Name}" : obj.Metadata.Name;
}
