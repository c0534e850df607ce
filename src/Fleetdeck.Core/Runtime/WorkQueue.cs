namespace Fleetdeck.Core.Runtime;

/// <summary>
/// The controller work queue, with client-go's semantics: a key waiting is queued once however often it is added;
/// a key being processed is never handed out again until <see cref="Done"/>, and is re-queued then if it was added
/// meanwhile; delayed adds keep the earliest due time; failures back off per key.
/// </summary>
public sealed class WorkQueue<T> : IDisposable where T : notnull
{
    private readonly Lock _gate = new();
    private readonly LinkedList<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, DateTimeOffset> _waiting = [];
    private readonly PriorityQueue<T, DateTimeOffset> _waitingOrder = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly ItemBackoff<T> _backoff;
    private bool _shuttingDown;

    public WorkQueue(TimeProvider? time = null, ItemBackoff<T>? backoff = null)
    {
        _time = time ?? TimeProvider.System;
        _backoff = backoff ?? new ItemBackoff<T>();
        _timer = _time.CreateTimer(_ => PromoteDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys ready to be handed out.</summary>
    public int Depth
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>Keys waiting for a delay to pass.</summary>
    public int Waiting
    {
        get { lock (_gate) return _waiting.Count; }
    }

    public long Adds { get; private set; }

    /// <summary>Whether some key is being reconciled now.</summary>
    public bool HasProcessing
    {
        get { lock (_gate) return _processing.Count > 0; }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            if (_shuttingDown || !_dirty.Add(item)) return;
            Adds++;
            if (_processing.Contains(item)) return;
            _queue.AddLast(item);
        }
        _available.Release();
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; if it already waits, the earlier time wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        lock (_gate)
        {
            if (_shuttingDown) return;
            var due = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(item, out var existing) && existing <= due) return;
            _waiting[item] = due;
            _waitingOrder.Enqueue(item, due);
            ArmTimer();
        }
    }

    /// <summary>Adds the key after its backoff: 5 ms after the first failure, doubling to at most 1000 s.</summary>
    public void AddRateLimited(T item) => AddAfter(item, _backoff.When(item));

    /// <summary>Clears the key's failure count after a success.</summary>
    public void Forget(T item) => _backoff.Forget(item);

    public int Requeues(T item) => _backoff.Failures(item);

    /// <summary>Waits for a key; returns false once the queue is shut down and drained.</summary>
    public async Task<(bool Ok, T Item)> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_queue.First is { } first)
                {
                    _queue.RemoveFirst();
                    _processing.Add(first.Value);
                    _dirty.Remove(first.Value);
                    return (true, first.Value);
                }
                if (_shuttingDown) return (false, default!);
            }
        }
    }

    /// <summary>Marks the key processed; if it was added while processing, it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            _processing.Remove(item);
            if (!_dirty.Contains(item) || _shuttingDown) return;
            _queue.AddLast(item);
        }
        _available.Release();
    }

    public void ShutDown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        _available.Release(short.MaxValue);
    }

    private void PromoteDue()
    {
        var due = new List<T>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_waitingOrder.TryPeek(out var item, out var when) && when <= now)
            {
                _waitingOrder.Dequeue();
                // Stale entries (superseded by an earlier time, or already promoted) are skipped.
                if (_waiting.TryGetValue(item, out var current) && current == when)
                {
                    _waiting.Remove(item);
                    due.Add(item);
                }
            }
            ArmTimer();
        }
        foreach (var item in due) Add(item);
    }

    private void ArmTimer()
    {
        while (_waitingOrder.TryPeek(out var item, out var when))
        {
            if (_waiting.TryGetValue(item, out var current) && current == when)
            {
                var delay = when - _time.GetUtcNow();
                _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
                return;
            }
            _waitingOrder.Dequeue();
        }
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
        _available.Dispose();
    }
}
