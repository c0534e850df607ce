namespace Fleetdeck.Core.Runtime;

/// <summary>What a reconcile asks of the queue: nothing more, a retry with backoff, or another look after a delay.</summary>
public sealed record ReconcileResult(bool Requeue = false, TimeSpan? RequeueAfter = null)
{
    public static ReconcileResult Done { get; } = new();

    /// <summary>Retry with the key's exponential backoff, as after a failure but without logging one.</summary>
    public static ReconcileResult Retry { get; } = new(Requeue: true);

    public static ReconcileResult After(TimeSpan delay) => new(RequeueAfter: delay);

    /// <summary>The sooner of two results, for reconcilers made of several steps.</summary>
    public static ReconcileResult Soonest(ReconcileResult a, ReconcileResult b) => new(
        a.Requeue || b.Requeue,
        (a.RequeueAfter, b.RequeueAfter) switch
        {
            (null, var y) => y,
            (var x, null) => x,
            var (x, y) => x < y ? x : y,
        });
}
