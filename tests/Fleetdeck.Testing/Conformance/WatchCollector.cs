using k8s;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Testing.Conformance;

/// <summary>Reads a watch in the background so tests can wait for the events they expect.</summary>
public sealed class WatchCollector : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<WatchEvent> _events = [];
    private readonly Task _reader;

    public WatchCollector(IAsyncEnumerable<WatchEvent> watch)
    {
        _reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in watch.WithCancellation(_stop.Token))
                    lock (_events) _events.Add(e);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // stopped by the test
            }
            catch (Exception e)
            {
                Error = e;
            }
        });
    }

    public Exception? Error { get; private set; }

    public IReadOnlyList<WatchEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public IReadOnlyList<WatchEvent> Changes => [.. Events.Where(e => e.Type != WatchEventType.Bookmark)];

    public async Task<IReadOnlyList<WatchEvent>> WaitForChangesAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(Changes.Count >= count || Error is not null), timeout ?? TimeSpan.FromSeconds(10),
            $"expected {count} watch events");
        if (Error is not null && Changes.Count < count) throw new InvalidOperationException("the watch failed", Error);
        return Changes;
    }

    public async Task<Exception> WaitForErrorAsync(TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(Error is not null || _reader.IsCompleted), timeout ?? TimeSpan.FromSeconds(10), "expected the watch to fail");
        return Error ?? throw new InvalidOperationException("the watch ended without an error");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }
}
