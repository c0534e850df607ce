using k8s.Models;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Collection;
using Fleetdeck.Rollouts.StateMachine;
using static Fleetdeck.Rollouts.StateMachine.IncarnationState;

namespace Fleetdeck.Rollouts.Tests.Collection;

public sealed class GarbageCollectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(5);

    private static CollectableIncarnation Inc(string tag, IncarnationState state, int daysOld) => new(tag, state, Now - TimeSpan.FromDays(daysOld), Ttl);

    [Fact]
    public void The_three_newest_retired_are_kept_and_older_expired_ones_go()
    {
        var selected = GarbageCollection.Select(
        [
            Inc("r1", Retired, 10), Inc("r2", Retired, 11), Inc("r3", Retired, 12), Inc("r4", Retired, 13), Inc("r5", Retired, 14), Inc("live", Released, 20),
        ], Now);
        selected.Select(s => s.Tag).ShouldBe(["r4", "r5"]);
    }

    [Fact]
    public void Only_expired_collectable_states_are_selected()
    {
        var selected = GarbageCollection.Select(
        [
            Inc("new", Released, 1), Inc("f1", Failed, 6), Inc("f2", Failed, 2), Inc("d", Deleted, 9), Inc("rel", Releasing, 9), Inc("canary", Canarying, 9),
        ], Now);
        selected.Select(s => s.Tag).Order().ShouldBe(["d", "f1"]);
    }

    [Fact]
    public void Never_everything_the_oldest_is_spared()
    {
        var selected = GarbageCollection.Select([Inc("f1", Failed, 6), Inc("f2", Failed, 7), Inc("f3", Failed, 8)], Now);
        selected.Select(s => s.Tag).ShouldBe(["f1", "f2"]);
    }

    [Fact]
    public void An_empty_input_selects_nothing() => GarbageCollection.Select([], Now).ShouldBeEmpty();

    private static Revision Rev(params (string Target, string? Value)[] labels) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "r",
            Labels = labels.Where(l => l.Value is not null).ToDictionary(l => GarbageCollection.DeletableLabel(l.Target), l => l.Value!),
        },
        Spec = new RevisionSpec { Targets = [.. labels.Select(l => new RevisionTarget { Name = l.Target })] },
    };

    [Fact]
    public void A_revision_is_deletable_only_when_every_target_is_marked_true()
    {
        GarbageCollection.IsDeletable(Rev(("production", "true"), ("staging", "true"))).ShouldBeTrue();
        GarbageCollection.IsDeletable(Rev(("production", "true"), ("staging", null))).ShouldBeFalse();
    }

    [Fact]
    public void A_label_with_any_other_value_does_not_count_as_marked()
    {
        // The anchor's `!ok && val != "true"` treated "false" as marked and deleted the revision.
        GarbageCollection.IsDeletable(Rev(("production", "false"))).ShouldBeFalse();
        GarbageCollection.IsDeletable(Rev(("production", ""))).ShouldBeFalse();
    }
}
