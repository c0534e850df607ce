using Microsoft.Extensions.Time.Testing;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static async Task<string> Next(WorkQueue<string> queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var (ok, item) = await queue.GetAsync(timeout.Token);
        ok.ShouldBeTrue();
        return item;
    }

    [Fact]
    public async Task A_key_added_many_times_is_handed_out_once()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        queue.Depth.ShouldBe(2);
        (await Next(queue)).ShouldBe("a");
        (await Next(queue)).ShouldBe("b");
        queue.Depth.ShouldBe(0);
    }

    [Fact]
    public async Task A_key_added_while_processing_waits_until_done()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        var item = await Next(queue);

        queue.Add("a");
        queue.Depth.ShouldBe(0, "a key being processed is never handed out twice at once");

        queue.Done(item);
        queue.Depth.ShouldBe(1);
        (await Next(queue)).ShouldBe("a");
    }

    [Fact]
    public async Task Done_without_a_new_add_does_not_requeue()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Done(await Next(queue));

        queue.Depth.ShouldBe(0);
    }

    [Fact]
    public async Task Delayed_adds_keep_the_earliest_due_time()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));

        time.Advance(TimeSpan.FromSeconds(9));
        queue.Depth.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(1));
        queue.Depth.ShouldBe(1);
        (await Next(queue)).ShouldBe("a");
        queue.Waiting.ShouldBe(0, "the later requests were superseded by the earliest");
        time.Advance(TimeSpan.FromSeconds(30));
        queue.Depth.ShouldBe(0);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    [InlineData(18, 655360)]
    [InlineData(19, 1000000)]
    [InlineData(60, 1000000)]
    public void Backoff_doubles_from_5ms_to_at_most_1000s(int failures, double expectedMs)
    {
        var backoff = new ItemBackoff<string>();
        TimeSpan delay = default;
        for (var i = 0; i < failures; i++) delay = backoff.When("k");

        delay.TotalMilliseconds.ShouldBe(expectedMs);
        backoff.Failures("k").ShouldBe(failures);
    }

    [Fact]
    public void Forget_resets_a_keys_backoff_but_not_others()
    {
        var backoff = new ItemBackoff<string>();
        backoff.When("a");
        backoff.When("a");
        backoff.When("b");

        backoff.Forget("a");

        backoff.When("a").TotalMilliseconds.ShouldBe(5);
        backoff.When("b").TotalMilliseconds.ShouldBe(10);
    }

    [Fact]
    public async Task Rate_limited_adds_wait_for_the_backoff()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        queue.Depth.ShouldBe(0);
        time.Advance(TimeSpan.FromMilliseconds(5));

        queue.Depth.ShouldBe(1, "the earliest of the two backoffs (5 ms, 10 ms) wins");
        queue.Requeues("a").ShouldBe(2);
        queue.Forget(await Next(queue));
        queue.Requeues("a").ShouldBe(0);
    }

    [Fact]
    public async Task Shut_down_wakes_waiting_workers()
    {
        var queue = new WorkQueue<string>();
        var waiting = queue.GetAsync(CancellationToken.None);

        queue.ShutDown();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Ok.ShouldBeFalse();
        queue.Dispose();
    }

    [Fact]
    public async Task Many_producers_and_workers_never_process_one_key_twice_at_once()
    {
        using var queue = new WorkQueue<int>();
        var inFlight = new System.Collections.Concurrent.ConcurrentDictionary<int, byte>();
        var overlaps = 0;
        var processed = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (ok, key) = await queue.GetAsync(CancellationToken.None);
                if (!ok) return;
                if (!inFlight.TryAdd(key, 0)) Interlocked.Increment(ref overlaps);
                await Task.Yield();
                inFlight.TryRemove(key, out byte _);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToArray();

        for (var round = 0; round < 200; round++)
            for (var key = 0; key < 5; key++) queue.Add(key);
        await Eventually.HoldsAsync(() => Task.FromResult(queue.Depth == 0 && !queue.HasProcessing));
        queue.ShutDown();
        await Task.WhenAll(workers);

        overlaps.ShouldBe(0);
        processed.ShouldBeGreaterThanOrEqualTo(5);
    }
}
