using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Runtime;

/// <summary>
/// The runtime (informers and a controller) on the Kubernetes store rides through what a real API server and network do:
/// error statuses on the next calls, watches that stall or drop, history compacted away. No event is lost (the caches end
/// equal to the server, deletes are seen), nothing crashes, and everything converges afterwards.
/// </summary>
public sealed class RuntimeFaultTests : IAsyncLifetime
{
    private ClusterUnderFaults _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterUnderFaults.StartAsync();
        for (var i = 0; i < 5; i++) await _cluster.CreateAsync($"w{i}");
        await _cluster.ConvergedAsync([]);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Recolours some, creates some, deletes one: the changes the runtime must not miss.</summary>
    private async Task<string[]> ChangeEverythingAsync(string color)
    {
        for (var i = 0; i < 5; i++)
            if (i != 1) await _cluster.RecolorAsync($"w{i}", color);
        for (var i = 5; i < 8; i++) await _cluster.CreateAsync($"w{i}-{color}", color);
        await _cluster.DeleteAsync("w1");
        return ["w1"];
    }

    [Theory]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Error_statuses_on_the_next_calls_are_ridden_through(int code)
    {
        _cluster.Faults.FailNext(15, code);
        // Reconnecting informers run into the failures too.
        _cluster.Faults.DropWatches();

        var deleted = await ChangeEverythingAsync("red");

        await _cluster.ConvergedAsync(deleted);
        _cluster.Faults.Served.ShouldBeGreaterThanOrEqualTo(15, "every armed failure was served");
        _cluster.Running.IsCompleted.ShouldBeFalse("nothing crashed");
    }

    [Fact]
    public async Task Failed_writes_show_on_the_object_until_they_succeed()
    {
        _cluster.Faults.FailNext(6, 500, t => t.IsWrite && t.Kind.Kind == "ConfigMap");

        await _cluster.CreateAsync("flaky", "green");

        var marked = await Eventually.GetAsync(() => _cluster.Backing.GetAsync<Widget>(ClusterUnderFaults.Ns, "flaky"),
            w => w?.Status.Find(Conditions.Ready)?.Reason == Conditions.ReconcileError, TimeSpan.FromSeconds(15));
        marked!.Status.Find(Conditions.Ready)!.Message.ShouldContain("Internal error occurred");
        await _cluster.ConvergedAsync([]);
    }

    [Fact]
    public async Task Stalled_watches_are_restarted_from_where_they_were()
    {
        var restarts = _cluster.Widgets.WatchRestarts;
        _cluster.Faults.StallNextWatches(4);
        _cluster.Faults.DropWatches();

        var deleted = await ChangeEverythingAsync("amber");

        await _cluster.ConvergedAsync(deleted);
        _cluster.Widgets.WatchRestarts.ShouldBeGreaterThan(restarts, "the silent watch was noticed and restarted");
    }

    [Fact]
    public async Task Watches_dropped_over_and_over_lose_nothing()
    {
        var deleted = new List<string>();
        for (var round = 0; round < 8; round++)
        {
            await _cluster.RecolorAsync("w0", $"c{round}");
            await _cluster.CreateAsync($"r{round}", $"c{round}");
            if (round % 3 == 2)
            {
                await _cluster.DeleteAsync($"r{round - 1}");
                deleted.Add($"r{round - 1}");
            }
            _cluster.Faults.DropWatches();
            await Task.Delay(50);
        }

        await _cluster.ConvergedAsync(deleted);
        _cluster.Faults.Served.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Compacted_history_forces_a_relist_that_misses_nothing()
    {
        var relists = _cluster.Widgets.Relists;
        // Hold every Widget watch silent while the world moves on (a silent watch the informer restarts is silent too, so
        // on a slow machine it still resumes from before the changes), then compact the history it would resume from.
        _cluster.Faults.StallNextWatches(int.MaxValue, t => t.Kind.Kind == "Widget");
        _cluster.Faults.DropWatches(t => t.Kind.Kind == "Widget");
        await Eventually.HoldsAsync(() => Task.FromResult(_cluster.Faults.Served >= 2));

        var deleted = await ChangeEverythingAsync("violet");
        await _cluster.Backing.CompactAsync(_cluster.Backing.CurrentResourceVersion);
        _cluster.Faults.Clear();
        _cluster.Faults.DropWatches(t => t.Kind.Kind == "Widget");

        await _cluster.ConvergedAsync(deleted);
        _cluster.Widgets.Relists.ShouldBeGreaterThan(relists, "the expired version forced a fresh list");
    }

    [Fact]
    public async Task An_expired_watch_is_answered_with_a_relist()
    {
        var relists = _cluster.Widgets.Relists;
        // The Widget informer's next two watches expire (any kind's could, but then the Widget relist count would not tell).
        _cluster.Faults.ExpireNextWatches(2, t => t.Kind.Kind == "Widget");
        _cluster.Faults.DropWatches();

        var deleted = await ChangeEverythingAsync("teal");

        // The dropped watches reconnect on their own schedule; convergence may come first, the relist must follow.
        await Eventually.HoldsAsync(() => Task.FromResult(_cluster.Widgets.Relists > relists));
        await _cluster.ConvergedAsync(deleted);
    }

    [Fact]
    public async Task The_steady_state_after_the_faults_writes_nothing()
    {
        _cluster.Faults.FailNext(10, 503);
        _cluster.Faults.DropWatches();
        var deleted = await ChangeEverythingAsync("steady");
        await _cluster.ConvergedAsync(deleted);
        await Eventually.HoldsAsync(() => Task.FromResult(_cluster.Manager.IsIdle));

        var writes = _cluster.Backing.CommittedWrites;
        var calls = _cluster.Reconciler.Calls;
        _cluster.Manager.ResyncNow();
        await Eventually.HoldsAsync(() => Task.FromResult(_cluster.Reconciler.Calls >= calls + 7 && _cluster.Manager.IsIdle));

        _cluster.Backing.CommittedWrites.ShouldBe(writes);
    }
}
