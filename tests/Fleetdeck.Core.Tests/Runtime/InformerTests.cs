using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class InformerTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingHandler _handler = new();
    private FaultyStore _faulty = null!;
    private Informer _informer = null!;
    private Task _running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _faulty = new FaultyStore(_store.Store);
        return Task.CompletedTask;
    }

    private async Task StartAsync(InformerOptions? options = null)
    {
        _informer = new Informer(_faulty, _store.Store.Kinds.Get<Widget>(),
            options ?? new InformerOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) },
            TimeProvider.System, NullLogger.Instance);
        _informer.AddHandler(_handler);
        _running = _informer.RunAsync(_stop.Token);
        await _informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _store.DisposeAsync();
    }

    private Task CachedAsync(int count, string color = "blue") =>
        Eventually.HoldsAsync(() => Task.FromResult(_informer.List("ns").Count(w => ((Widget)w).Spec.Color == color) == count),
            because: $"{count} cached widgets of colour {color}");

    [Fact]
    public async Task Lists_then_follows_the_watch()
    {
        await _store.Store.CreateAsync(Widget.Make("ns", "before"));
        await StartAsync();
        _informer.Get(new ObjectKey("ns", "before")).ShouldNotBeNull();

        await _store.Store.CreateAsync(Widget.Make("ns", "after"));
        await CachedAsync(2);
        await _store.Store.DeleteAsync<Widget>("ns", "before");

        await CachedAsync(1);
        _handler.Seen.ShouldBe(["add ns/before", "add ns/after", "delete ns/before"]);
    }

    [Fact]
    public async Task Cached_objects_are_copies()
    {
        await _store.Store.CreateAsync(Widget.Make("ns", "w"));
        await StartAsync();

        var copy = (Widget)_informer.Get(new ObjectKey("ns", "w"))!;
        copy.Spec.Color = "changed by a careless caller";

        ((Widget)_informer.Get(new ObjectKey("ns", "w"))!).Spec.Color.ShouldBe("blue");
    }

    [Fact]
    public async Task An_expired_version_leads_to_a_relist_that_loses_nothing()
    {
        await _store.Store.CreateAsync(Widget.Make("ns", "first"));
        await StartAsync();
        _faulty.PauseWatches();
        _faulty.DropNextWatchAfter(0);
        // While the watch is down, changes happen and history is compacted past the informer's version.
        for (var i = 0; i < 5; i++) await _store.Store.CreateAsync(Widget.Make("ns", $"w{i}"));
        await _store.Sqlite.CompactAsync(_store.Sqlite.CurrentResourceVersion);
        await _store.Store.CreateAsync(Widget.Make("ns", "late"));
        _faulty.ResumeWatches();

        await CachedAsync(7);
        _faulty.WatchesDropped.ShouldBe(1);
        _informer.Relists.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_relist_reports_objects_deleted_while_the_watch_was_down()
    {
        await _store.Store.CreateAsync(Widget.Make("ns", "doomed"));
        await StartAsync();
        _faulty.PauseWatches();
        _faulty.DropNextWatchAfter(0);
        await _store.Store.DeleteAsync<Widget>("ns", "doomed");
        await _store.Sqlite.CompactAsync(_store.Sqlite.CurrentResourceVersion);
        _faulty.ResumeWatches();

        await CachedAsync(0);
        _handler.Seen.ShouldContain("delete ns/doomed");
    }

    [Fact]
    public async Task A_silent_watch_is_restarted_and_catches_up()
    {
        _faulty.StallNextWatches(1);
        await StartAsync(new InformerOptions { WatchIdleTimeout = TimeSpan.FromMilliseconds(300), RetryDelay = TimeSpan.FromMilliseconds(10) });

        await _store.Store.CreateAsync(Widget.Make("ns", "during-stall"));

        await CachedAsync(1);
        _informer.WatchRestarts.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Failing_calls_are_retried_until_the_server_answers()
    {
        _faulty.FailNextCalls(3);
        var starting = StartAsync();
        await _store.Store.CreateAsync(Widget.Make("ns", "w"));

        await starting;
        await CachedAsync(1);
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_the_last_version_without_replaying()
    {
        await StartAsync();
        await _store.Store.CreateAsync(Widget.Make("ns", "a"));
        await CachedAsync(1);
        _faulty.DropNextWatchAfter(1);
        await _store.Store.CreateAsync(Widget.Make("ns", "b"));
        await _store.Store.CreateAsync(Widget.Make("ns", "c"));

        await CachedAsync(3);
        _faulty.WatchesDropped.ShouldBe(1);
        _handler.Seen.Count(s => s.StartsWith("add", StringComparison.Ordinal)).ShouldBe(3);
        _informer.Relists.ShouldBe(1, "a dropped watch resumes from its version; only expiry forces a re-list");
    }

    [Fact]
    public async Task Resync_hands_every_object_to_the_handlers_again()
    {
        await _store.Store.CreateAsync(Widget.Make("ns", "a"));
        await StartAsync();

        _informer.ResyncNow();

        _handler.Seen.ShouldContain("update ns/a");
    }

    private sealed class RecordingHandler : IInformerHandler
    {
        private readonly List<string> _seen = [];

        public IReadOnlyList<string> Seen
        {
            get { lock (_seen) return [.. _seen]; }
        }

        public void OnAdd(IKubernetesObject<V1ObjectMeta> obj) => Record("add", obj);

        public void OnUpdate(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current) => Record("update", current);

        public void OnDelete(IKubernetesObject<V1ObjectMeta> obj) => Record("delete", obj);

        private void Record(string what, IKubernetesObject<V1ObjectMeta> obj)
        {
            lock (_seen) _seen.Add($"{what} {ObjectKey.Of(obj)}");
        }
    }
}
