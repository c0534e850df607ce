using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class GarbageCollectorTests : IAsyncDisposable
{
    private readonly TestStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task An_object_whose_owner_never_existed_is_collected_and_others_are_kept()
    {
        var store = _store.Store;
        var owner = await store.CreateAsync(Widget.Make("ns", "owner"));
        var orphan = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = "orphan",
                NamespaceProperty = "ns",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "test.fleetdeck.dev/v1", Kind = "Widget", Name = "gone", Uid = Guid.NewGuid().ToString() }],
            },
        };
        await store.CreateAsync(orphan);
        var kept = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept", NamespaceProperty = "ns" } };
        Core.Objects.OwnerReferences.SetController(kept, owner);
        await store.CreateAsync(kept);
        var collector = new GarbageCollector(store, TimeProvider.System, NullLogger.Instance);

        var deleted = await collector.SweepAsync(CancellationToken.None);

        deleted.ShouldBe(1);
        (await store.GetAsync<V1ConfigMap>("ns", "orphan")).ShouldBeNull();
        (await store.GetAsync<V1ConfigMap>("ns", "kept")).ShouldNotBeNull();
        (await collector.SweepAsync(CancellationToken.None)).ShouldBe(0);
    }
}
