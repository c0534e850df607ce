using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class ObjectApplierTests : IAsyncDisposable
{
    private readonly TestStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private static V1ConfigMap Desired(params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = "cfg", NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["app"] = "x" } },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    [Fact]
    public async Task Creates_then_leaves_an_identical_object_alone()
    {
        var applier = new ObjectApplier(_store.Store);
        var owner = await _store.Store.CreateAsync(Widget.Make("ns", "owner"));

        var created = await applier.ApplyAsync(Desired(("a", "1")), owner);
        var writes = _store.Sqlite.CommittedWrites;
        var again = await applier.ApplyAsync(Desired(("a", "1")), owner);

        created.Action.ShouldBe(ApplyAction.Created);
        again.Action.ShouldBe(ApplyAction.Unchanged);
        _store.Sqlite.CommittedWrites.ShouldBe(writes);
        created.Object.Metadata.Labels[ManagedBy.Label].ShouldBe(ManagedBy.Fleetdeck);
        OwnerReferences.GetController(created.Object)!.Name.ShouldBe("owner");
    }

    [Fact]
    public async Task Writes_a_changed_value_and_a_removed_data_key()
    {
        var applier = new ObjectApplier(_store.Store);
        await applier.ApplyAsync(Desired(("a", "1"), ("b", "2")));

        var changed = await applier.ApplyAsync(Desired(("a", "1")));

        changed.Action.ShouldBe(ApplyAction.Updated);
        changed.Object.Data.Keys.ShouldBe(["a"]);
    }

    [Fact]
    public async Task Keeps_labels_and_spec_fields_set_by_others()
    {
        var applier = new ObjectApplier(_store.Store);
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "web:1" }] } },
            },
        };
        var live = (await applier.ApplyAsync(deployment)).Object;
        // A server (or another controller) adds defaults and labels of its own.
        live.Spec.RevisionHistoryLimit = 10;
        live.Metadata.Labels["added-by-someone"] = "yes";
        await _store.Store.UpdateAsync(live);

        var again = await applier.ApplyAsync(ObjectCopy(deployment));

        again.Action.ShouldBe(ApplyAction.Unchanged, "defaults in spec and extra labels are not differences");
    }

    [Fact]
    public async Task Never_touches_an_object_it_does_not_manage()
    {
        await _store.Store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg", NamespaceProperty = "ns" }, Data = new Dictionary<string, string> { ["mine"] = "yes" } });
        var applier = new ObjectApplier(_store.Store);

        var error = await Should.ThrowAsync<UnmanagedObjectException>(() => applier.ApplyAsync(Desired(("a", "1"))));

        error.Message.ShouldContain("ns/cfg");
        (await _store.Store.GetAsync<V1ConfigMap>("ns", "cfg"))!.Data.ShouldContainKey("mine");
        (await applier.DeleteAsync(_store.Store.Kinds.Get<V1ConfigMap>(), "ns", "cfg")).ShouldBeFalse();
        (await _store.Store.GetAsync<V1ConfigMap>("ns", "cfg")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Writes_status_only_when_it_changed()
    {
        var applier = new ObjectApplier(_store.Store);
        var widget = await _store.Store.CreateAsync(Widget.Make("ns", "w"));
        widget.Status.Phase = "Ready";
        var written = await applier.ApplyStatusAsync(widget);
        var writes = _store.Sqlite.CommittedWrites;

        written.Status.Phase = "Ready";
        var again = await applier.ApplyStatusAsync(written);

        again.Metadata.ResourceVersion.ShouldBe(written.Metadata.ResourceVersion);
        _store.Sqlite.CommittedWrites.ShouldBe(writes);
    }

    private static V1Deployment ObjectCopy(V1Deployment d) => Core.Serialization.ObjectJson.Clone(d);
}
