using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Fleetdeck.Core.Store;

/// <summary>
/// Fans committed events out to the watchers of each kind, in order. Each watcher has a bounded buffer;
/// one that falls too far behind is cut off with "expired" (and re-lists), so no watcher can hold memory hostage.
/// </summary>
internal sealed class WatchHub(int bufferSize)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _byKind = new();
    private long _publishedVersion;

    /// <summary>Every event at or below this version has been handed to the subscribers' buffers.</summary>
    public long PublishedVersion => Interlocked.Read(ref _publishedVersion);

    public void Initialize(long version) => Interlocked.Exchange(ref _publishedVersion, version);

    public Subscription Subscribe(string kindKey)
    {
        var subscription = new Subscription(this, kindKey, bufferSize);
        _byKind.GetOrAdd(kindKey, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    public void Publish(IReadOnlyList<StoredEvent> events, long version)
    {
        foreach (var change in events)
        {
            if (!_byKind.TryGetValue(change.KindKey, out var subscribers)) continue;
            foreach (var subscription in subscribers.Keys)
            {
                if (!subscription.Channel.Writer.TryWrite(change))
                {
                    subscription.Channel.Writer.TryComplete(new ExpiredException("the watch fell too far behind and was closed; re-list and watch again"));
                    Unsubscribe(subscription);
                }
            }
        }
        Interlocked.Exchange(ref _publishedVersion, version);
    }

    private void Unsubscribe(Subscription subscription)
    {
        if (_byKind.TryGetValue(subscription.KindKey, out var subscribers)) subscribers.TryRemove(subscription, out _);
    }

    public void CloseAll()
    {
        foreach (var subscription in _byKind.Values.SelectMany(s => s.Keys))
            subscription.Channel.Writer.TryComplete();
    }

    internal sealed class Subscription(WatchHub hub, string kindKey, int bufferSize) : IDisposable
    {
        public string KindKey { get; } = kindKey;

        public Channel<StoredEvent> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<StoredEvent>(
            new BoundedChannelOptions(bufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public void Dispose()
        {
            hub.Unsubscribe(this);
            Channel.Writer.TryComplete();
        }
    }
}
