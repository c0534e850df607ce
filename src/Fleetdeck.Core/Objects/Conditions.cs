using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>
/// Condition helpers with Kubernetes semantics: <c>lastTransitionTime</c> moves only when the
/// condition's status changes, so a condition rewritten with the same status is not a change.
/// </summary>
public static class Conditions
{
    public const string Ready = "Ready";
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";

    /// <summary>Reason set by the runtime when a reconcile throws.</summary>
    public const string ReconcileError = "ReconcileError";

    public static V1Condition? Find(this ResourceStatus status, string type) =>
        status.Conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(this ResourceStatus status, string type) => status.Find(type)?.Status == True;

    public static bool IsReady(this IConditionedObject obj) =>
        obj.Status.Find(Ready) is { Status: True } ready &&
        (ready.ObservedGeneration is null || ready.ObservedGeneration == obj.Metadata.Generation);

    /// <summary>Sets a condition; returns whether anything changed.</summary>
    public static bool Set(this ResourceStatus status, string type, bool value, string reason, string message, long? observedGeneration, DateTimeOffset now) =>
        status.Set(type, value ? True : False, reason, message, observedGeneration, now);

    /// <summary>Sets a condition; returns whether anything changed.</summary>
    public static bool Set(this ResourceStatus status, string type, string value, string reason, string message, long? observedGeneration, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var existing = status.Conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            status.Conditions.Add(new V1Condition
            {
                Type = type,
                Status = value,
                Reason = reason,
                Message = message,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = Truncate(now),
            });
            status.Conditions.Sort((a, b) => string.CompareOrdinal(a.Type, b.Type));
            return true;
        }

        var changed = false;
        if (existing.Status != value)
        {
            existing.Status = value;
            existing.LastTransitionTime = Truncate(now);
            changed = true;
        }

        if (existing.Reason != reason) { existing.Reason = reason; changed = true; }
        if (existing.Message != message) { existing.Message = message; changed = true; }
        if (existing.ObservedGeneration != observedGeneration) { existing.ObservedGeneration = observedGeneration; changed = true; }
        return changed;
    }

    public static bool Remove(this ResourceStatus status, string type) =>
        status.Conditions?.RemoveAll(c => c.Type == type) > 0;

    /// <summary>Kubernetes times have whole seconds.</summary>
    public static DateTime Truncate(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
