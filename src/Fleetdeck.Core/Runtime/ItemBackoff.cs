using System.Collections.Concurrent;

namespace Fleetdeck.Core.Runtime;

/// <summary>Per-key exponential backoff: 5 ms, 10 ms, 20 ms, ... capped at 1000 s, reset by <see cref="Forget"/>.</summary>
public sealed class ItemBackoff<T>(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null) where T : notnull
{
    private readonly ConcurrentDictionary<T, int> _failures = new();
    private readonly TimeSpan _base = baseDelay ?? TimeSpan.FromMilliseconds(5);
    private readonly TimeSpan _max = maxDelay ?? TimeSpan.FromSeconds(1000);

    public TimeSpan When(T item)
    {
        var failures = _failures.AddOrUpdate(item, 1, (_, n) => n + 1) - 1;
        // 2^failures overflows long before the cap matters; clamp the exponent.
        var exponent = Math.Min(failures, 40);
        var delay = _base.Ticks * Math.Pow(2, exponent);
        return delay >= _max.Ticks ? _max : TimeSpan.FromTicks((long)delay);
    }

    public int Failures(T item) => _failures.TryGetValue(item, out var n) ? n : 0;

    public void Forget(T item) => _failures.TryRemove(item, out _);
}
