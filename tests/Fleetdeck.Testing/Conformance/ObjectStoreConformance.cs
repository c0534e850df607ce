using k8s;
using k8s.Models;
using Shouldly;
using Xunit;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Testing.Conformance;

/// <summary>
/// The <see cref="IObjectStore"/> contract, written once against the interface. Every backend runs it by
/// deriving a test class that supplies a store. Each test works in a namespace of its own, so the suite
/// may also run against a shared, real cluster.
/// </summary>
public abstract class ObjectStoreConformance : IAsyncLifetime
{
    private IObjectStore? _store;

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("not initialised");

    protected string Ns { get; } = $"conf-{Guid.NewGuid():N}"[..20];

    protected ResourceKind Widgets => Store.Kinds.Get<Widget>();

    protected ResourceKind ConfigMaps => Store.Kinds.Get<V1ConfigMap>();

    /// <summary>A store to test; it must know the test kinds (<see cref="TestKinds"/>) and send bookmarks within <see cref="BookmarkWithin"/>.</summary>
    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Makes the store forget its watch history through the given version (etcd compaction).</summary>
    protected abstract Task CompactAsync(long throughResourceVersion);

    protected virtual TimeSpan BookmarkWithin => TimeSpan.FromSeconds(5);

    protected virtual Task DisposeStoreAsync(IObjectStore store) =>
        store is IAsyncDisposable disposable ? disposable.DisposeAsync().AsTask() : Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
    }

    public async Task DisposeAsync()
    {
        if (_store is null) return;
        try
        {
            await Store.DeleteAsync(Store.Kinds.Get<V1Namespace>(), null, Ns);
        }
        catch (StoreException)
        {
            // best effort: the store may already be gone
        }
        await DisposeStoreAsync(_store);
    }

    private static long Version(IKubernetesObject<V1ObjectMeta> obj) => long.Parse(obj.Metadata.ResourceVersion);

    [Fact]
    public async Task Create_sets_server_managed_metadata()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));

        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        created.Metadata.Generation.ShouldBe(1);
        created.Metadata.CreationTimestamp.ShouldNotBeNull();
        Version(created).ShouldBeGreaterThan(0);
        created.ApiVersion.ShouldBe("test.fleetdeck.dev/v1");
        created.Kind.ShouldBe("Widget");
        var read = await Store.GetAsync<Widget>(Ns, "a");
        read.ShouldNotBeNull();
        read.Spec.Color.ShouldBe("blue");
        read.Metadata.ResourceVersion.ShouldBe(created.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Create_ignores_status_and_client_set_metadata()
    {
        var widget = Widget.Make(Ns, "a");
        widget.Status.Phase = "Forged";
        widget.Metadata.Uid = "made-up";
        widget.Metadata.Generation = 42;

        var created = await Store.CreateAsync(widget);

        created.Status.Phase.ShouldBeNull();
        created.Metadata.Uid.ShouldNotBe("made-up");
        created.Metadata.Generation.ShouldBe(1);
    }

    [Fact]
    public async Task Create_of_an_existing_name_conflicts()
    {
        await Store.CreateAsync(Widget.Make(Ns, "a"));

        var error = await Should.ThrowAsync<AlreadyExistsException>(() => Store.CreateAsync(Widget.Make(Ns, "a")));

        error.Code.ShouldBe(409);
        error.Reason.ShouldBe("AlreadyExists");
    }

    [Fact]
    public async Task Create_with_an_invalid_name_is_rejected_with_the_field()
    {
        var error = await Should.ThrowAsync<InvalidObjectException>(() => Store.CreateAsync(Widget.Make(Ns, "Not_Valid")));

        error.Code.ShouldBe(422);
        error.Causes.ShouldContain(c => c.Field == "metadata.name");
    }

    [Fact]
    public async Task Create_with_generateName_picks_a_unique_name()
    {
        var widget = Widget.Make(Ns, "");
        widget.Metadata.Name = null;
        widget.Metadata.GenerateName = "gen-";

        var first = await Store.CreateAsync(widget);
        var second = await Store.CreateAsync(widget);

        first.Metadata.Name.ShouldStartWith("gen-");
        second.Metadata.Name.ShouldStartWith("gen-");
        second.Metadata.Name.ShouldNotBe(first.Metadata.Name);
    }

    [Fact]
    public async Task Resource_versions_are_global_and_increase_with_every_write()
    {
        var a = await Store.CreateAsync(Widget.Make(Ns, "a"));
        var cm = await Store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = Ns } });
        a.Spec.Size = 2;
        var updated = await Store.UpdateAsync(a);

        Version(cm).ShouldBeGreaterThan(Version(a));
        Version(updated).ShouldBeGreaterThan(Version(cm));
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_conflicts()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));
        var first = ObjectCopy(created);
        first.Spec.Color = "red";
        await Store.UpdateAsync(first);

        var stale = ObjectCopy(created);
        stale.Spec.Color = "green";
        var error = await Should.ThrowAsync<ConflictException>(() => Store.UpdateAsync(stale));

        error.Code.ShouldBe(409);
        (await Store.GetAsync<Widget>(Ns, "a"))!.Spec.Color.ShouldBe("red");
    }

    [Fact]
    public async Task Concurrent_updates_from_one_version_let_exactly_one_win()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            var copy = ObjectCopy(created);
            copy.Spec.Size = 100 + i;
            try
            {
                await Store.UpdateAsync(copy);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        });

        (await Task.WhenAll(attempts)).Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task Update_of_a_missing_object_is_not_found()
    {
        var widget = Widget.Make(Ns, "ghost");
        widget.Metadata.ResourceVersion = "1";

        var error = await Should.ThrowAsync<NotFoundException>(() => Store.UpdateAsync(widget));

        error.Code.ShouldBe(404);
    }

    [Fact]
    public async Task Generation_bumps_on_spec_changes_only()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));
        created.Metadata.Labels = new Dictionary<string, string> { ["team"] = "x" };
        created.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "y" };
        var relabelled = await Store.UpdateAsync(created);
        relabelled.Metadata.Generation.ShouldBe(1);

        relabelled.Spec.Color = "red";
        var respecced = await Store.UpdateAsync(relabelled);

        respecced.Metadata.Generation.ShouldBe(2);
    }

    [Fact]
    public async Task Update_without_changes_writes_nothing()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));

        var again = await Store.UpdateAsync(ObjectCopy(created));

        again.Metadata.ResourceVersion.ShouldBe(created.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Status_writes_do_not_bump_generation_and_normal_updates_ignore_status()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));
        created.Status.Phase = "Ready";
        created.Spec.Color = "ignored-by-status-write";
        var withStatus = await Store.UpdateStatusAsync(created);

        withStatus.Status.Phase.ShouldBe("Ready");
        withStatus.Metadata.Generation.ShouldBe(1);
        withStatus.Spec.Color.ShouldBe("blue");
        Version(withStatus).ShouldBeGreaterThan(Version(created));

        withStatus.Status.Phase = "Overwritten";
        withStatus.Spec.Color = "red";
        var updated = await Store.UpdateAsync(withStatus);

        updated.Status.Phase.ShouldBe("Ready");
        updated.Spec.Color.ShouldBe("red");
        updated.Metadata.Generation.ShouldBe(2);
    }

    [Fact]
    public async Task Status_write_with_a_stale_version_conflicts()
    {
        var created = await Store.CreateAsync(Widget.Make(Ns, "a"));
        var first = ObjectCopy(created);
        first.Status.Phase = "One";
        await Store.UpdateStatusAsync(first);

        created.Status.Phase = "Two";
        await Should.ThrowAsync<ConflictException>(() => Store.UpdateStatusAsync(created));
    }

    [Fact]
    public async Task Finalizers_hold_deletion_until_the_last_is_removed()
    {
        var widget = Widget.Make(Ns, "a");
        widget.Metadata.Finalizers = ["test.fleetdeck.dev/one", "test.fleetdeck.dev/two"];
        var created = await Store.CreateAsync(widget);

        var result = await Store.DeleteAsync(Widgets, Ns, "a");

        result.Pending.ShouldBeTrue();
        var terminating = await Store.GetAsync<Widget>(Ns, "a");
        terminating.ShouldNotBeNull();
        terminating.Metadata.DeletionTimestamp.ShouldNotBeNull();
        terminating.Metadata.Generation!.Value.ShouldBeGreaterThan(created.Metadata.Generation!.Value);

        terminating.Metadata.Finalizers = ["test.fleetdeck.dev/two"];
        terminating = await Store.UpdateAsync(terminating);
        (await Store.GetAsync<Widget>(Ns, "a")).ShouldNotBeNull();

        terminating.Metadata.Finalizers = [];
        await Store.UpdateAsync(terminating);
        (await Store.GetAsync<Widget>(Ns, "a")).ShouldBeNull();
    }

    [Fact]
    public async Task No_finalizer_may_be_added_while_deleting()
    {
        var widget = Widget.Make(Ns, "a");
        widget.Metadata.Finalizers = ["test.fleetdeck.dev/one"];
        await Store.CreateAsync(widget);
        await Store.DeleteAsync(Widgets, Ns, "a");
        var terminating = (await Store.GetAsync<Widget>(Ns, "a"))!;

        terminating.Metadata.Finalizers = ["test.fleetdeck.dev/one", "test.fleetdeck.dev/late"];
        var error = await Should.ThrowAsync<InvalidObjectException>(() => Store.UpdateAsync(terminating));

        error.Causes.ShouldContain(c => c.Field == "metadata.finalizers");
    }

    [Fact]
    public async Task Delete_of_a_missing_object_is_not_found()
    {
        await Should.ThrowAsync<NotFoundException>(() => Store.DeleteAsync(Widgets, Ns, "ghost"));
    }

    [Fact]
    public async Task Delete_with_a_wrong_uid_precondition_conflicts()
    {
        await Store.CreateAsync(Widget.Make(Ns, "a"));

        await Should.ThrowAsync<ConflictException>(() => Store.DeleteAsync(Widgets, Ns, "a", new DeleteOptions { PreconditionUid = Guid.NewGuid().ToString() }));

        (await Store.GetAsync<Widget>(Ns, "a")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_what_it_owns()
    {
        var owner = await Store.CreateAsync(Widget.Make(Ns, "owner"));
        var child = await Store.CreateAsync(OwnedConfigMap("child", owner));
        var grandchild = await Store.CreateAsync(OwnedConfigMap("grandchild", child));
        await Store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "bystander", NamespaceProperty = Ns } });

        await Store.DeleteAsync(Widgets, Ns, "owner");

        await Eventually.HoldsAsync(async () =>
            await Store.GetAsync<V1ConfigMap>(Ns, "child") is null && await Store.GetAsync<V1ConfigMap>(Ns, "grandchild") is null,
            because: "the cascade deletes dependents and their dependents");
        (await Store.GetAsync<V1ConfigMap>(Ns, "bystander")).ShouldNotBeNull();
        grandchild.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_dependent_with_another_live_owner_survives_the_cascade()
    {
        var first = await Store.CreateAsync(Widget.Make(Ns, "first"));
        var second = await Store.CreateAsync(Widget.Make(Ns, "second"));
        var shared = OwnedConfigMap("shared", first);
        shared.Metadata.OwnerReferences.Add(new V1OwnerReference { ApiVersion = second.ApiVersion, Kind = second.Kind, Name = second.Metadata.Name, Uid = second.Metadata.Uid });
        await Store.CreateAsync(shared);

        await Store.DeleteAsync(Widgets, Ns, "first");
        await Eventually.HoldsAsync(async () => await Store.GetAsync<Widget>(Ns, "first") is null);
        await Task.Delay(200);

        (await Store.GetAsync<V1ConfigMap>(Ns, "shared")).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_dependent_with_a_finalizer_is_marked_not_removed()
    {
        var owner = await Store.CreateAsync(Widget.Make(Ns, "owner"));
        var child = OwnedConfigMap("held", owner);
        child.Metadata.Finalizers = ["test.fleetdeck.dev/hold"];
        await Store.CreateAsync(child);

        await Store.DeleteAsync(Widgets, Ns, "owner");

        var held = await Eventually.GetAsync(() => Store.GetAsync<V1ConfigMap>(Ns, "held"), c => c?.Metadata.DeletionTimestamp is not null);
        held!.Metadata.Finalizers.ShouldContain("test.fleetdeck.dev/hold");
    }

    [Fact]
    public async Task Orphan_propagation_keeps_dependents_without_the_reference()
    {
        var owner = await Store.CreateAsync(Widget.Make(Ns, "owner"));
        await Store.CreateAsync(OwnedConfigMap("child", owner));

        await Store.DeleteAsync(Widgets, Ns, "owner", new DeleteOptions { Propagation = PropagationPolicy.Orphan });

        await Eventually.HoldsAsync(async () => await Store.GetAsync<Widget>(Ns, "owner") is null);
        var child = await Eventually.GetAsync(() => Store.GetAsync<V1ConfigMap>(Ns, "child"), c => c is not null && (c.Metadata.OwnerReferences is null || c.Metadata.OwnerReferences.Count == 0));
        child.ShouldNotBeNull();
    }

    [Fact]
    public async Task Lists_filter_by_label_selector()
    {
        await Store.CreateAsync(Widget.Make(Ns, "a", labels: new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }));
        await Store.CreateAsync(Widget.Make(Ns, "b", labels: new Dictionary<string, string> { ["tier"] = "db", ["env"] = "prod" }));
        await Store.CreateAsync(Widget.Make(Ns, "c", labels: new Dictionary<string, string> { ["tier"] = "web" }));

        async Task<string[]> Names(string selector) =>
            [.. (await Store.ListAsync<Widget>(new ListOptions { Namespace = Ns, LabelSelector = LabelSelector.Parse(selector) })).Select(w => w.Metadata.Name).Order()];

        (await Names("tier=web")).ShouldBe(["a", "c"]);
        (await Names("tier=web,env=prod")).ShouldBe(["a"]);
        (await Names("tier!=web")).ShouldBe(["b"]);
        (await Names("tier in (web,db)")).ShouldBe(["a", "b", "c"]);
        (await Names("tier notin (web)")).ShouldBe(["b"]);
        (await Names("env")).ShouldBe(["a", "b"]);
        (await Names("!env")).ShouldBe(["c"]);
        (await Names("")).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task Lists_filter_by_namespace_and_field_selector()
    {
        var other = Ns + "x";
        await Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = other } });
        await Store.CreateAsync(Widget.Make(Ns, "a"));
        await Store.CreateAsync(Widget.Make(Ns, "b"));
        await Store.CreateAsync(Widget.Make(other, "a"));

        (await Store.ListAsync<Widget>(ListOptions.InNamespace(Ns))).Count.ShouldBe(2);
        (await Store.ListAsync<Widget>(new ListOptions { Namespace = Ns, FieldSelector = FieldSelector.Parse("metadata.name=b") }))
            .Single().Metadata.Name.ShouldBe("b");
        var everywhere = await Store.ListAsync<Widget>(new ListOptions { FieldSelector = FieldSelector.Parse("metadata.name=a") });
        everywhere.Count(w => w.Metadata.NamespaceProperty == Ns || w.Metadata.NamespaceProperty == other).ShouldBe(2);
        await Store.DeleteAsync(Store.Kinds.Get<V1Namespace>(), null, other);
    }

    [Fact]
    public async Task Paged_lists_return_every_item_once()
    {
        for (var i = 0; i < 7; i++) await Store.CreateAsync(Widget.Make(Ns, $"w{i}"));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAsync(Widgets, new ListOptions { Namespace = Ns, Limit = 3, Continue = token });
            seen.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Continue;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        pages.ShouldBe(3);
        seen.ShouldBe([.. Enumerable.Range(0, 7).Select(i => $"w{i}")]);
    }

    [Fact]
    public async Task Watch_from_a_version_replays_exactly_the_later_events_in_order()
    {
        var a = await Store.CreateAsync(Widget.Make(Ns, "a"));
        var b = await Store.CreateAsync(Widget.Make(Ns, "b"));
        b.Spec.Color = "red";
        var b2 = await Store.UpdateAsync(b);
        b2.Status.Phase = "Done";
        await Store.UpdateStatusAsync(b2);
        await Store.DeleteAsync(Widgets, Ns, "a");
        await Store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other-kind", NamespaceProperty = Ns } });

        await using var watch = new WatchCollector(Store.WatchAsync(Widgets, new WatchOptions { Namespace = Ns, ResourceVersion = a.Metadata.ResourceVersion }));
        var events = await watch.WaitForChangesAsync(4);
        await Task.Delay(200);

        watch.Changes.Count.ShouldBe(4);
        events.Select(e => (e.Type, e.Object.Metadata.Name)).ShouldBe(
        [
            (WatchEventType.Added, "b"),
            (WatchEventType.Modified, "b"),
            (WatchEventType.Modified, "b"),
            (WatchEventType.Deleted, "a"),
        ]);
        events.Select(e => Version(e.Object)).ShouldBeInOrder(SortDirection.Ascending);
        ((Widget)events[2].Object).Status.Phase.ShouldBe("Done");
    }

    [Fact]
    public async Task Watch_continues_with_live_events_after_the_replay()
    {
        var a = await Store.CreateAsync(Widget.Make(Ns, "a"));
        await using var watch = new WatchCollector(Store.WatchAsync(Widgets, new WatchOptions { Namespace = Ns, ResourceVersion = a.Metadata.ResourceVersion }));

        await Store.CreateAsync(Widget.Make(Ns, "live"));
        a.Spec.Size = 5;
        await Store.UpdateAsync(a);

        var events = await watch.WaitForChangesAsync(2);
        events.Select(e => (e.Type, e.Object.Metadata.Name)).ShouldBe([(WatchEventType.Added, "live"), (WatchEventType.Modified, "a")]);
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects()
    {
        await Store.CreateAsync(Widget.Make(Ns, "a"));
        await Store.CreateAsync(Widget.Make(Ns, "b"));

        await using var watch = new WatchCollector(Store.WatchAsync(Widgets, new WatchOptions { Namespace = Ns }));
        await watch.WaitForChangesAsync(2);
        await Store.CreateAsync(Widget.Make(Ns, "c"));

        var events = await watch.WaitForChangesAsync(3);
        events.Take(2).ShouldAllBe(e => e.Type == WatchEventType.Added);
        events.Take(2).Select(e => e.Object.Metadata.Name).Order().ShouldBe(["a", "b"]);
        events[2].Object.Metadata.Name.ShouldBe("c");
    }

    [Fact]
    public async Task Label_selected_watches_see_objects_enter_and_leave()
    {
        var start = await Store.CreateAsync(Widget.Make(Ns, "a", labels: new Dictionary<string, string> { ["pick"] = "no" }));
        await using var watch = new WatchCollector(Store.WatchAsync(Widgets, new WatchOptions
        {
            Namespace = Ns,
            ResourceVersion = start.Metadata.ResourceVersion,
            LabelSelector = LabelSelector.Parse("pick=yes"),
        }));

        start.Metadata.Labels["pick"] = "yes";
        var picked = await Store.UpdateAsync(start);
        picked.Spec.Size = 3;
        var resized = await Store.UpdateAsync(picked);
        resized.Metadata.Labels["pick"] = "no";
        await Store.UpdateAsync(resized);

        var events = await watch.WaitForChangesAsync(3);
        events.Select(e => e.Type).ShouldBe([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted]);
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_reports_expiry()
    {
        var a = await Store.CreateAsync(Widget.Make(Ns, "a"));
        for (var i = 0; i < 3; i++)
        {
            a.Spec.Size = 10 + i;
            a = await Store.UpdateAsync(a);
        }
        await CompactAsync(Version(a));

        var error = await Should.ThrowAsync<ExpiredException>(async () =>
        {
            await foreach (var _ in Store.WatchAsync(Widgets, new WatchOptions { Namespace = Ns, ResourceVersion = "1" }))
            {
            }
        });

        error.Code.ShouldBe(410);
    }

    [Fact]
    public async Task Bookmarks_carry_a_version_to_resume_from_without_replay()
    {
        var a = await Store.CreateAsync(Widget.Make(Ns, "a"));
        await using (var watch = new WatchCollector(Store.WatchAsync(Widgets, new WatchOptions { Namespace = Ns, ResourceVersion = a.Metadata.ResourceVersion, AllowBookmarks = true })))
        {
            await Store.CreateAsync(Widget.Make(Ns, "b"));
            var bookmark = await Eventually.GetAsync(
                () => Task.FromResult(watch.Events.FirstOrDefault(e => e.Type == WatchEventType.Bookmark && watch.Changes.Count == 1)),
                e => e is not null, BookmarkWithin + TimeSpan.FromSeconds(5), "a bookmark");

            var bookmarkVersion = long.Parse(bookmark!.ResourceVersion);
            bookmarkVersion.ShouldBeGreaterThanOrEqualTo(Version(watch.Changes[0].Object));

            await using var resumed = new WatchCollector(Store.WatchAsync(Widgets, new WatchOptions { Namespace = Ns, ResourceVersion = bookmark.ResourceVersion }));
            await Store.CreateAsync(Widget.Make(Ns, "c"));
            var later = await resumed.WaitForChangesAsync(1);
            await Task.Delay(200);
            resumed.Changes.Select(e => e.Object.Metadata.Name).ShouldBe(["c"]);
            later[0].Type.ShouldBe(WatchEventType.Added);
        }
    }

    [Fact]
    public async Task Watches_of_one_kind_do_not_see_another()
    {
        var start = await Store.CreateAsync(Widget.Make(Ns, "a"));
        await using var watch = new WatchCollector(Store.WatchAsync(ConfigMaps, new WatchOptions { Namespace = Ns, ResourceVersion = start.Metadata.ResourceVersion }));

        await Store.CreateAsync(Widget.Make(Ns, "b"));
        await Store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = Ns } });

        var events = await watch.WaitForChangesAsync(1);
        await Task.Delay(200);
        watch.Changes.Count.ShouldBe(1);
        events[0].Object.ShouldBeOfType<V1ConfigMap>();
    }

    [Fact]
    public async Task Status_of_a_kind_without_a_status_subresource_is_not_found()
    {
        var cm = await Store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = Ns } });

        await Should.ThrowAsync<NotFoundException>(() => Store.UpdateStatusAsync(cm));
    }

    [Fact]
    public async Task Cluster_scoped_kinds_ignore_namespaces()
    {
        var name = Ns + "-cluster";
        await Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

        (await Store.GetAsync<V1Namespace>(null, name)).ShouldNotBeNull();
        (await Store.ListAsync<V1Namespace>()).ShouldContain(n => n.Metadata.Name == name);
        await Store.DeleteAsync(Store.Kinds.Get<V1Namespace>(), null, name);
    }

    private V1ConfigMap OwnedConfigMap(string name, IKubernetesObject<V1ObjectMeta> owner)
    {
        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns } };
        OwnerReferences.SetController(cm, owner);
        return cm;
    }

    private static Widget ObjectCopy(Widget widget) => Core.Serialization.ObjectJson.Clone(widget);
}
