using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Testing;

/// <summary>
/// Wraps a store and misbehaves on request, as a flaky API server or network would: failing calls, watches that go
/// silent, watches that drop mid-stream. Used to show the runtime rides through each.
/// </summary>
public sealed class FaultyStore(IObjectStore inner) : IObjectStore
{
    private int _failCalls;
    private int _stallWatches;
    private int _dropWatchesAfter = -1;

    public KindRegistry Kinds => inner.Kinds;

    /// <summary>The exception thrown by the next failing calls.</summary>
    public Func<Exception> Failure { get; set; } = () => new StoreException(503, "ServiceUnavailable", "injected: the server is unavailable");

    public int WatchesStarted;

    private TaskCompletionSource _watchGate = CompletedGate();

    /// <summary>New watches wait until <see cref="ResumeWatches"/>: the state a client is in while the server is unreachable.</summary>
    public void PauseWatches() => _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ResumeWatches() => _watchGate.TrySetResult();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    public void FailNextCalls(int count) => Interlocked.Exchange(ref _failCalls, count);

    /// <summary>The next watches deliver nothing and never end (until cancelled).</summary>
    public void StallNextWatches(int count) => Interlocked.Exchange(ref _stallWatches, count);

    /// <summary>The watch (running now or next) ends with an I/O error after delivering this many more events.</summary>
    public void DropNextWatchAfter(int events) => Interlocked.Exchange(ref _dropWatchesAfter, events);

    public int WatchesDropped;

    private void MaybeFail()
    {
        if (Interlocked.Decrement(ref _failCalls) >= 0) throw Failure();
        Interlocked.Exchange(ref _failCalls, 0);
    }

    public Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        MaybeFail();
        return inner.GetAsync(kind, @namespace, name, cancellationToken);
    }

    public Task<ObjectList> ListAsync(ResourceKind kind, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        MaybeFail();
        return inner.ListAsync(kind, options, cancellationToken);
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        MaybeFail();
        return inner.CreateAsync(obj, cancellationToken);
    }

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        MaybeFail();
        return inner.UpdateAsync(obj, cancellationToken);
    }

    public Task<T> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        MaybeFail();
        return inner.UpdateStatusAsync(obj, cancellationToken);
    }

    public Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        MaybeFail();
        return inner.DeleteAsync(kind, @namespace, name, options, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref WatchesStarted);
        await _watchGate.Task.WaitAsync(cancellationToken);
        MaybeFail();
        if (Interlocked.Decrement(ref _stallWatches) >= 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
        Interlocked.Exchange(ref _stallWatches, 0);
        await foreach (var e in inner.WatchAsync(kind, options, cancellationToken))
        {
            if (e.Type != WatchEventType.Bookmark)
            {
                var remaining = Volatile.Read(ref _dropWatchesAfter);
                if (remaining == 0)
                {
                    Interlocked.Exchange(ref _dropWatchesAfter, -1);
                    Interlocked.Increment(ref WatchesDropped);
                    throw new IOException("injected: the connection was reset");
                }
                if (remaining > 0) Interlocked.Decrement(ref _dropWatchesAfter);
            }
            yield return e;
        }
    }
}
