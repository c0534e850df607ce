using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Runtime;

/// <summary>Clean-up that must finish before an object may go; named as it appears in <c>metadata.finalizers</c>.</summary>
public interface IFinalizer
{
    string Name { get; }

    /// <summary>Does the clean-up; returns <see cref="FinalizeResult.Done"/> when the finalizer may be removed.</summary>
    Task<FinalizeResult> FinalizeAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken);
}

/// <summary>Whether clean-up is complete, and if not, why and when to look again.</summary>
public sealed record FinalizeResult(bool Completed, string? Reason = null, string? Message = null, TimeSpan? RetryAfter = null)
{
    public static FinalizeResult Done { get; } = new(true);

    public static FinalizeResult Blocked(string reason, string message, TimeSpan? retryAfter = null) => new(false, reason, message, retryAfter);
}
