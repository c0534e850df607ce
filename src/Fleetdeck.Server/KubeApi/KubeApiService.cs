using Fleetdeck.Core.Store;
using Microsoft.Extensions.Logging;

namespace Fleetdeck.Server.KubeApi;

/// <summary>What every part of the façade shares: the store, the settings, the log, and the host's stopping signal.</summary>
/// <param name="stopping">Signalled when the host stops, so that open watches end instead of holding the shutdown.</param>
internal sealed class KubeApiService(IObjectStore store, KubeApiServerOptions options, ILogger logger, CancellationToken stopping)
{
    public IObjectStore Store { get; } = store;

    public KubeApiServerOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;

    public CancellationToken Stopping { get; } = stopping;

    public Discovery Discovery { get; } = new(store.Kinds);

    public OpenApiDocuments OpenApi { get; } = new(store.Kinds);
}
