using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Keeps a local cache of one kind in step with the store: list, then watch from the list's version;
/// resume after a dropped watch from the last version seen (bookmarks included); re-list when that version
/// has expired; restart a watch that has gone silent; back off with jitter between failures.
/// </summary>
public sealed class Informer(IObjectStore store, ResourceKind kind, InformerOptions options, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<ObjectKey, IKubernetesObject<V1ObjectMeta>> _cache = [];
    private readonly Lock _gate = new();
    private readonly List<IInformerHandler> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _version = "";

    public ResourceKind Kind { get; } = kind;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The newest version this informer has seen (from a list, an event or a bookmark).</summary>
    public string LastSyncResourceVersion => Volatile.Read(ref _version);

    public long Relists { get; private set; }

    public long WatchRestarts { get; private set; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Adds a handler; it first receives an add for every object already cached.</summary>
    public void AddHandler(IInformerHandler handler)
    {
        lock (_gate)
        {
            _handlers.Add(handler);
            foreach (var obj in _cache.Values) handler.OnAdd(obj);
        }
    }

    /// <summary>A copy of the cached object, or null.</summary>
    public IKubernetesObject<V1ObjectMeta>? Get(ObjectKey key)
    {
        IKubernetesObject<V1ObjectMeta>? found;
        lock (_gate)
            found = _cache.TryGetValue(Normalize(key), out var obj) ? obj : null;
        // Cached objects are replaced, never changed, so copying them needs no lock.
        return found is null ? null : ObjectJson.Clone(found);
    }

    /// <summary>Copies of the cached objects in one namespace (or all), matching the selector, in key order.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> List(string? @namespace = null, LabelSelector? selector = null)
    {
        List<KeyValuePair<ObjectKey, IKubernetesObject<V1ObjectMeta>>> matches;
        lock (_gate)
        {
            matches = [.. _cache.Where(p => (@namespace is null || !Kind.Namespaced || p.Key.Namespace == @namespace) && (selector is null || selector.Matches(p.Value.Metadata.Labels)))];
        }
        return [.. matches.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => ObjectJson.Clone(p.Value))];
    }

    public int Count
    {
        get { lock (_gate) return _cache.Count; }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var needList = true;
        using var resync = options.ResyncPeriod is { } period ? time.CreateTimer(_ => Resync(), null, period, period) : null;
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || !cancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true, // spreads the reconnects of many informers after an API server restart
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                Randomizer = options.Jitter ?? Random.Shared.NextDouble,
                OnRetry = args =>
                {
                    logger.LogWarning("Watch of {Kind} failed ({Error}); retrying in {Delay} ms", Kind, args.Outcome.Exception?.Message, (int)args.RetryDelay.TotalMilliseconds);
                    // After repeated failures, start over from a fresh list rather than trusting the old version.
                    if (args.AttemptNumber % 5 == 4) needList = true;
                    return default;
                },
            })
            .Build();

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await retry.ExecuteAsync(async token =>
                {
                    if (needList)
                    {
                        await ListAsync(token).ConfigureAwait(false);
                        needList = false;
                    }
                    try
                    {
                        await WatchAsync(token).ConfigureAwait(false);
                    }
                    catch (ExpiredException e)
                    {
                        logger.LogInformation("Watch of {Kind} expired ({Message}); re-listing", Kind, e.Message);
                        needList = true;
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var list = await store.ListAsync(Kind, new ListOptions { Namespace = options.Namespace }, cancellationToken).ConfigureAwait(false);
        Relists++;
        lock (_gate)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var obj in list.Items)
            {
                var key = Normalize(ObjectKey.Of(obj));
                seen.Add(key);
                if (_cache.TryGetValue(key, out var old))
                {
                    _cache[key] = obj;
                    if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                        foreach (var handler in _handlers) handler.OnUpdate(old, obj);
                }
                else
                {
                    _cache[key] = obj;
                    foreach (var handler in _handlers) handler.OnAdd(obj);
                }
            }
            foreach (var gone in _cache.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                var obj = _cache[gone];
                _cache.Remove(gone);
                foreach (var handler in _handlers) handler.OnDelete(obj);
            }
            Volatile.Write(ref _version, list.ResourceVersion);
        }
        _synced.TrySetResult();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(options.WatchIdleTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var watch = store.WatchAsync(Kind, new WatchOptions
        {
            Namespace = options.Namespace,
            ResourceVersion = LastSyncResourceVersion,
            AllowBookmarks = true,
        }, linked.Token);
        try
        {
            await foreach (var e in watch.ConfigureAwait(false))
            {
                idle.CancelAfter(options.WatchIdleTimeout);
                Apply(e);
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            WatchRestarts++;
            logger.LogWarning("Watch of {Kind} was silent for {Seconds} s; restarting it from version {Version}", Kind, options.WatchIdleTimeout.TotalSeconds, LastSyncResourceVersion);
        }
    }

    private void Apply(WatchEvent e)
    {
        lock (_gate)
        {
            if (e.Type == WatchEventType.Bookmark)
            {
                Volatile.Write(ref _version, e.ResourceVersion);
                return;
            }
            var key = Normalize(ObjectKey.Of(e.Object));
            switch (e.Type)
            {
                case WatchEventType.Added:
                case WatchEventType.Modified:
                    if (_cache.TryGetValue(key, out var old))
                    {
                        _cache[key] = e.Object;
                        foreach (var handler in _handlers) handler.OnUpdate(old, e.Object);
                    }
                    else
                    {
                        _cache[key] = e.Object;
                        foreach (var handler in _handlers) handler.OnAdd(e.Object);
                    }
                    break;
                case WatchEventType.Deleted:
                    _cache.Remove(key);
                    foreach (var handler in _handlers) handler.OnDelete(e.Object);
                    break;
            }
            Volatile.Write(ref _version, e.ResourceVersion);
        }
    }

    private void Resync()
    {
        lock (_gate)
            foreach (var obj in _cache.Values)
                foreach (var handler in _handlers) handler.OnUpdate(obj, obj);
    }

    /// <summary>Hands every cached object to the handlers again, as a periodic resync does.</summary>
    public void ResyncNow() => Resync();

    private ObjectKey Normalize(ObjectKey key) => Kind.Namespaced ? key : key with { Namespace = null };
}
