using System.Net;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Operator;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Kubernetes.Tests.TestParts;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.RealCluster;

/// <summary>
/// The operator on a real cluster (opt-in: <c>FLEETDECK_TEST_KUBECONFIG</c>): generated CRDs install and are served,
/// a bad CR is refused by the real API server with its field path, and a Widget is reconciled with leader election on.
/// </summary>
[Trait("Category", RealCluster.Category)]
public sealed class RealClusterSmokeTests : IAsyncLifetime
{
    private readonly string _ns = $"fleetdeck-smoke-{Guid.NewGuid():N}"[..24];
    private KubernetesObjectStore _store = null!;

    public async Task InitializeAsync()
    {
        var kinds = TestModules.TestCatalog().Kinds;
        _store = new KubernetesObjectStore(RealCluster.Connect(), kinds);
        await RealCluster.InstallCrdsAsync(_store, kinds);
        await _store.CreateAsync(new V1Namespace { Metadata = new() { Name = _ns } });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _store.DeleteAsync<V1Namespace>(null, _ns);
        }
        finally
        {
            _store.Connection.Dispose();
        }
    }

    [Fact]
    public async Task The_api_server_refuses_a_cr_that_breaks_the_generated_schema_with_the_field_path()
    {
        var gadget = new Gadget { Metadata = new() { Name = "bad", NamespaceProperty = _ns }, Spec = new GadgetSpec { Label = "Not Valid", Replicas = 50 } };

        var error = await Should.ThrowAsync<InvalidObjectException>(() => _store.CreateAsync(gadget));

        error.Causes.Select(c => c.Field).Order().ShouldBe(["spec.label", "spec.replicas"]);
    }

    [Fact]
    public async Task The_operator_reconciles_a_widget_on_the_cluster()
    {
        await using var host = await OperatorHost.StartAsync(RealCluster.Connect(), new OperatorOptions
        {
            Modules = [new WidgetModule(), new GadgetModule()],
            WatchNamespaces = [_ns],
            LeaderElect = true,
            LeaseNamespace = _ns,
            MetricsAddress = IPAddress.Loopback,
            MetricsPort = 0,
        });
        await _store.CreateAsync(Widget.Make(_ns, "smoke", "green"));

        var data = await Eventually.GetAsync(() => _store.GetAsync<V1ConfigMap>(_ns, "smoke-data"), cm => cm is not null, TimeSpan.FromSeconds(60));
        data!.Data["color"].ShouldBe("green");
        await Eventually.HoldsAsync(async () => (await _store.GetAsync<Widget>(_ns, "smoke"))!.IsReady(), TimeSpan.FromSeconds(60));
        (await _store.GetAsync<V1Lease>(_ns, OperatorOptions.DefaultLeaseName))!.Spec.HolderIdentity.ShouldNotBeNullOrEmpty();
    }
}
