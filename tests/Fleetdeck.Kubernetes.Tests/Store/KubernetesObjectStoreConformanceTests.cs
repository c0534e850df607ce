using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Conformance;

namespace Fleetdeck.Kubernetes.Tests.Store;

/// <summary>The store contract on the Kubernetes backend, against the façade serving a SQLite store over https.</summary>
public sealed class KubernetesObjectStoreConformanceTests : ObjectStoreConformance
{
    private FacadeServer? _server;

    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        _server = await FacadeServer.StartAsync();
        return _server.Connect();
    }

    protected override Task CompactAsync(long throughResourceVersion) => _server!.Backing.CompactAsync(throughResourceVersion);

    protected override TimeSpan BookmarkWithin => TimeSpan.FromMilliseconds(500);

    protected override async Task DisposeStoreAsync(IObjectStore store) => await _server!.DisposeAsync();
}
