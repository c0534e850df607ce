using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class LeaderElectorTests : IAsyncDisposable
{
    private readonly TestStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private LeaderElector Candidate(string identity) =>
        new(_store.Store, new LeaderElectionOptions { Namespace = "system", LeaseName = "leader", Identity = identity }, _time, NullLogger.Instance);

    [Fact]
    public async Task Only_one_candidate_holds_the_lease()
    {
        var a = Candidate("a");
        var b = Candidate("b");

        (await a.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeTrue();
        (await b.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(5));
        (await a.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeTrue("the holder renews");
        (await b.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeFalse();

        var lease = await _store.Store.GetAsync<V1Lease>("system", "leader");
        lease!.Spec.HolderIdentity.ShouldBe("a");
    }

    [Fact]
    public async Task A_silent_holder_is_replaced_after_the_lease_duration()
    {
        var a = Candidate("a");
        var b = Candidate("b");
        (await a.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeTrue();
        (await b.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeFalse();

        _time.Advance(TimeSpan.FromSeconds(14));
        (await b.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeFalse("the lease is still within its duration");
        _time.Advance(TimeSpan.FromSeconds(2));
        (await b.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeTrue();

        var lease = await _store.Store.GetAsync<V1Lease>("system", "leader");
        lease!.Spec.HolderIdentity.ShouldBe("b");
        lease.Spec.LeaseTransitions.ShouldBe(1);
        (await a.TryAcquireOrRenewAsync(CancellationToken.None)).ShouldBeFalse("the old holder sees the new one");
    }

    [Fact]
    public async Task Racing_candidates_never_both_win()
    {
        var candidates = Enumerable.Range(0, 6).Select(i => Candidate($"c{i}")).ToList();

        var wins = await Task.WhenAll(candidates.Select(c => c.TryAcquireOrRenewAsync(CancellationToken.None)));

        wins.Count(w => w).ShouldBe(1);
    }
}
