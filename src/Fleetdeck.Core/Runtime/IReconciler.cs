using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Brings the world in line with one object, as controller-runtime's reconcile contract: given only the key,
/// read what is there now, act, and say whether to look again. Must be idempotent; an exception is logged,
/// shown in the object's <c>Ready</c> condition, and retried with backoff.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
