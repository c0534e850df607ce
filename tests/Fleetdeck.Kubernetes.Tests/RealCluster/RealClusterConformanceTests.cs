using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Testing.Conformance;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.RealCluster;

/// <summary>
/// The store contract on the Kubernetes backend against a real API server (opt-in: <c>FLEETDECK_TEST_KUBECONFIG</c>).
/// Each test works in a namespace of its own, so a shared cluster is fine; the Widget CRD is installed first.
/// </summary>
[Trait("Category", RealCluster.Category)]
public sealed class RealClusterConformanceTests : ObjectStoreConformance
{
    private KubernetesObjectStore? _store;

    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        _store = new KubernetesObjectStore(RealCluster.Connect(), TestKinds.Registry());
        await RealCluster.InstallCrdsAsync(_store, TestKinds.Registry());
        return _store;
    }

    /// <summary>
    /// A client cannot compact etcd. It need not: the API server compacts every five minutes and its watch cache starts at
    /// the version it first listed, so the version this test asks for ("1") is always older than what is kept.
    /// </summary>
    protected override Task CompactAsync(long throughResourceVersion) => Task.CompletedTask;

    /// <summary>The API server sends bookmarks about once a minute.</summary>
    protected override TimeSpan BookmarkWithin => TimeSpan.FromSeconds(75);

    protected override Task DisposeStoreAsync(IObjectStore store)
    {
        _store?.Connection.Dispose();
        return Task.CompletedTask;
    }
}
