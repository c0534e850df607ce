using Fleetdeck.Core.Store;
using Microsoft.Extensions.Logging;

namespace Fleetdeck.Server.KubeApi;

/// <summary>What every part of the façade shares: the store, the settings, the log, and the host's stopping signal.</summary>
internal sealed class KubeApiService
{
    public KubeApiService(IObjectStore store, KubeApiServerOptions options, ILogger logger, CancellationToken stopping)
    {
        Store = store;
        Options = options;
        Logger = logger;
        Stopping = stopping;
        Discovery = new Discovery(store.Kinds);
        OpenApi = new OpenApiDocuments(store.Kinds);
        Resources = new ResourceHandler(this);
    }

    public IObjectStore Store { get; }

    public KubeApiServerOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary>Signalled when the host stops, so that open watches end instead of holding the shutdown.</summary>
    public CancellationToken Stopping { get; }

    public Discovery Discovery { get; }

    public OpenApiDocuments OpenApi { get; }

    public ResourceHandler Resources { get; }
}
