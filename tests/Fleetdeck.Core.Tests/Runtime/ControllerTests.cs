using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class ControllerTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private ControllerManager _manager = null!;
    private WidgetReconciler _reconciler = null!;
    private Task _running = Task.CompletedTask;

    private IObjectStore Store => _store.Store;

    public async Task InitializeAsync()
    {
        await Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns" } });
    }

    private async Task StartAsync(int concurrency = 1, ManagerOptions? options = null, Func<ControllerBuilder, ControllerBuilder>? configure = null)
    {
        _manager = new ControllerManager(Store, options ?? new ManagerOptions());
        var builder = _manager.NewController("widgets")
            .For<Widget>()
            .Owns<V1ConfigMap>()
            .WithMaxConcurrency(concurrency);
        (configure ?? (b => b))(builder).Complete(context => _reconciler = new WidgetReconciler(context));
        _running = _manager.RunAsync(_stop.Token);
        await _manager.Started.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _manager.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task<Widget> ReadyAsync(string name) =>
        Eventually.GetAsync(async () => (await Store.GetAsync<Widget>("ns", name))!, w => w.IsReady(), because: $"{name} becomes Ready");

    [Fact]
    public async Task A_new_object_is_reconciled_into_owned_objects_and_a_ready_status()
    {
        await StartAsync();
        await Store.CreateAsync(Widget.Make("ns", "w1", "green"));

        var widget = await ReadyAsync("w1");

        widget.Status.ObservedGeneration.ShouldBe(1);
        var data = await Store.GetAsync<V1ConfigMap>("ns", "w1-data");
        data!.Data["color"].ShouldBe("green");
        OwnerReferences.GetController(data)!.Uid.ShouldBe(widget.Metadata.Uid);
        ManagedBy.IsManaged(data).ShouldBeTrue();
    }

    [Fact]
    public async Task A_spec_change_is_reconciled()
    {
        await StartAsync();
        await Store.CreateAsync(Widget.Make("ns", "w1", "green"));
        var widget = await ReadyAsync("w1");

        await Store.MutateAsync<Widget>("ns", "w1", w =>
        {
            w.Spec.Color = "red";
            return true;
        });

        await Eventually.HoldsAsync(async () => (await Store.GetAsync<V1ConfigMap>("ns", "w1-data"))!.Data["color"] == "red");
        (await ReadyAsync("w1")).Status.ObservedGeneration.ShouldBe(2);
    }

    [Fact]
    public async Task A_change_to_an_owned_object_wakes_its_owner()
    {
        await StartAsync();
        await Store.CreateAsync(Widget.Make("ns", "w1", "green"));
        await ReadyAsync("w1");
        var data = (await Store.GetAsync<V1ConfigMap>("ns", "w1-data"))!;

        data.Data["color"] = "tampered";
        await Store.UpdateAsync(data);

        await Eventually.HoldsAsync(async () => (await Store.GetAsync<V1ConfigMap>("ns", "w1-data"))!.Data["color"] == "green",
            because: "the owner's reconcile restores what it owns");
    }

    [Fact]
    public async Task A_throwing_reconcile_marks_the_object_and_is_retried_with_backoff_until_it_recovers()
    {
        await StartAsync();
        var failing = true;
        _reconciler.Fail = _ => failing ? new InvalidOperationException("the database is down") : null;

        await Store.CreateAsync(Widget.Make("ns", "w1"));

        var marked = await Eventually.GetAsync(async () => (await Store.GetAsync<Widget>("ns", "w1"))!,
            w => w.Status.Find(Conditions.Ready)?.Reason == Conditions.ReconcileError);
        marked.Status.Find(Conditions.Ready)!.Status.ShouldBe(Conditions.False);
        marked.Status.Find(Conditions.Ready)!.Message.ShouldBe("the database is down");
        await Eventually.HoldsAsync(() => Task.FromResult(_reconciler.Calls >= 4), because: "retries continue with backoff");
        var controller = _manager.Controllers.Single();
        controller.Queue.Requeues(new ObjectKey("ns", "w1")).ShouldBeGreaterThanOrEqualTo(3);

        failing = false;
        await ReadyAsync("w1");
        await Eventually.HoldsAsync(() => Task.FromResult(controller.Queue.Requeues(new ObjectKey("ns", "w1")) == 0), because: "success forgets the backoff");
        _manager.Metrics.Errors.WithLabels("widgets").Value.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task One_bad_object_does_not_stop_the_others()
    {
        await StartAsync(concurrency: 2);
        _reconciler.Fail = key => key.Name == "bad" ? new FormatException("spec.color is not a colour") : null;

        await Store.CreateAsync(Widget.Make("ns", "bad"));
        await Store.CreateAsync(Widget.Make("ns", "good"));

        await ReadyAsync("good");
        (await Store.GetAsync<Widget>("ns", "bad"))!.Status.Find(Conditions.Ready)?.Reason.ShouldBe(Conditions.ReconcileError);
    }

    [Fact]
    public async Task RequeueAfter_brings_the_key_back()
    {
        await StartAsync();
        _reconciler.Result = _ => ReconcileResult.After(TimeSpan.FromMilliseconds(50));

        await Store.CreateAsync(Widget.Make("ns", "w1"));

        await Eventually.HoldsAsync(() => Task.FromResult(_reconciler.Calls >= 5), because: "each reconcile asks to be called again in 50 ms");
    }

    [Fact]
    public async Task One_key_is_never_reconciled_twice_at_once()
    {
        await StartAsync(concurrency: 4);
        _reconciler.Hold = TimeSpan.FromMilliseconds(30);
        var widget = await Store.CreateAsync(Widget.Make("ns", "w1"));

        for (var i = 0; i < 10; i++)
        {
            var size = i + 2;
            widget = (await Store.MutateAsync<Widget>("ns", "w1", w =>
            {
                w.Spec.Size = size;
                return true;
            }))!;
            await Task.Delay(5);
        }
        await Eventually.HoldsAsync(async () => (await Store.GetAsync<Widget>("ns", "w1"))!.Status.ObservedGeneration == widget.Metadata.Generation);

        _reconciler.Overlaps.ShouldBe(0);
    }

    [Fact]
    public async Task The_steady_state_writes_nothing_across_resyncs()
    {
        await StartAsync(concurrency: 2);
        for (var i = 0; i < 20; i++) await Store.CreateAsync(Widget.Make("ns", $"w{i}"));
        for (var i = 0; i < 20; i++) await ReadyAsync($"w{i}");
        await Eventually.HoldsAsync(() => Task.FromResult(_manager.IsIdle));

        var before = _store.Sqlite.CommittedWrites;
        var callsBefore = _reconciler.Calls;
        for (var round = 0; round < 3; round++)
        {
            _manager.ResyncNow();
            await Eventually.HoldsAsync(() => Task.FromResult(_reconciler.Calls >= callsBefore + 20 * (round + 1) && _manager.IsIdle));
        }

        _store.Sqlite.CommittedWrites.ShouldBe(before);
    }

    [Fact]
    public async Task Deleting_the_primary_removes_what_it_owns()
    {
        await StartAsync();
        await Store.CreateAsync(Widget.Make("ns", "w1"));
        await ReadyAsync("w1");

        await Store.DeleteAsync<Widget>("ns", "w1");

        await Eventually.HoldsAsync(async () => await Store.GetAsync<V1ConfigMap>("ns", "w1-data") is null);
    }

    [Fact]
    public async Task Ignoring_status_writes_a_status_write_wakes_neither_the_object_nor_its_watchers_but_a_label_change_wakes_both()
    {
        // Every widget event also wakes "observer" (through a watch), unless it is a write of the status alone.
        await StartAsync(configure: b => b.IgnoringStatusWrites()
            .Watches<Widget>(_ => [new ObjectKey("ns", "observer")], when: Predicates.NotStatusOnly));
        await Store.CreateAsync(Widget.Make("ns", "w1"));
        await ReadyAsync("w1");
        await QuietAsync();
        var calls = _reconciler.Calls;

        var written = await Store.MutateAsync<Widget>("ns", "w1", w =>
        {
            w.Status.Count = 42;
            return true;
        }, status: true);
        await Eventually.HoldsAsync(() => Task.FromResult(_manager.Context.Cache.Get<Widget>(_manager.Kinds, "ns", "w1")?.Metadata.ResourceVersion == written!.Metadata.ResourceVersion),
            because: "the informer has seen the status write");
        await Task.Delay(200);
        await QuietAsync();
        _reconciler.Calls.ShouldBe(calls, "a status write wakes nothing");

        await Store.MutateAsync<Widget>("ns", "w1", w =>
        {
            w.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "gold" };
            return true;
        });
        await Eventually.HoldsAsync(() => Task.FromResult(_reconciler.Calls >= calls + 2), because: "a label change wakes w1 and its watcher");
    }

    private Task QuietAsync() => Eventually.HoldsAsync(() => Task.FromResult(_manager.Controllers.All(c => c.Queue.Depth == 0 && !c.Queue.HasProcessing)),
        because: "the controller has nothing to do");

    [Fact]
    public async Task Reconcile_metrics_are_counted_per_controller()
    {
        await StartAsync();
        await Store.CreateAsync(Widget.Make("ns", "w1"));
        await ReadyAsync("w1");

        // The outcome is counted when the reconcile returns, a moment after its status write is visible.
        await Eventually.HoldsAsync(() => Task.FromResult(_manager.Metrics.Reconciles.WithLabels("widgets", "success").Value >= 1
            && _manager.Metrics.Duration.WithLabels("widgets").Count >= 1), because: "the reconcile is counted and timed");
    }
}
