using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>One shared informer per kind, started on first use; also the cache controllers read from.</summary>
public sealed class InformerFactory(IObjectStore store, InformerOptions options, TimeProvider time, ILoggerFactory loggers) : IObjectCache, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (Informer Informer, Task Running)> _informers = new();
    private readonly CancellationTokenSource _stop = new();

    public IReadOnlyList<Informer> Informers => [.. _informers.Values.Select(v => v.Informer)];

    /// <summary>The informer of a kind, started if it was not running.</summary>
    public Informer For(ResourceKind kind) =>
        _informers.GetOrAdd(kind.Key, _ =>
        {
            var informer = new Informer(store, kind, options, time, loggers.CreateLogger($"Fleetdeck.Informer.{kind.Kind}"));
            var running = Task.Run(() => informer.RunAsync(_stop.Token));
            return (informer, running);
        }).Informer;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Values.Select(v => v.Informer.WaitForSyncAsync(cancellationToken)));

    public IKubernetesObject<V1ObjectMeta>? Get(ResourceKind kind, ObjectKey key) => Synced(kind).Get(key);

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> List(ResourceKind kind, string? @namespace = null, LabelSelector? selector = null) =>
        Synced(kind).List(@namespace, selector);

    private Informer Synced(ResourceKind kind)
    {
        var informer = For(kind);
        // A kind first read here (not declared by any controller) waits for its first list.
        if (!informer.HasSynced) informer.WaitForSyncAsync(_stop.Token).GetAwaiter().GetResult();
        return informer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var (_, running) in _informers.Values)
        {
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }
        _stop.Dispose();
    }
}
