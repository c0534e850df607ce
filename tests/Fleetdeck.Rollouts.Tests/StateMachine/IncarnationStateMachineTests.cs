using Fleetdeck.Rollouts.StateMachine;
using static Fleetdeck.Rollouts.StateMachine.IncarnationState;
using static Fleetdeck.Rollouts.StateMachine.SideEffect;

namespace Fleetdeck.Rollouts.Tests.StateMachine;

/// <summary>
/// The reference's table, written here as data (ordered rules per state, first match wins), checked against the state
/// machine for every state and every combination of its inputs.
/// </summary>
public sealed class IncarnationStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private sealed record Rule(Func<Observations, bool> When, IncarnationState Next, params SideEffect[] Effects);

    private static bool HasFailed(Observations o) => o.MarkedAsFailed || o.ExternalTest == ExternalTestStatus.Failed;
    private static bool Past(Observations o, TimeSpan t) => o.LastUpdated + t < o.Now;
    private static readonly TimeSpan M15 = TimeSpan.FromMinutes(15);
    private static Rule Always(IncarnationState next, params SideEffect[] effects) => new(_ => true, next, effects);

    private static readonly Dictionary<IncarnationState, Rule[]> Table = new()
    {
        [Created] = [new(o => !o.HasRevision, Deleting), new(o => Past(o, TimeSpan.FromHours(1)), TimingOut), Always(Deploying)],
        [Deploying] = [new(o => !o.HasRevision, Deleting), new(HasFailed, Failing), new(o => o.IsDeployed, Deployed, Sync), new(o => Past(o, M15), TimingOut, Sync), Always(Deploying, Sync)],
        [Deployed] =
        [
            new(o => !o.HasRevision, Deleting), new(HasFailed, Failing), new(o => !o.IsDeployed, Deploying, Sync),
            new(o => o.ExternalTest == ExternalTestStatus.Succeeded, Tested, Sync), new(o => o.ExternalTest == ExternalTestStatus.Started, IncarnationState.Testing, Sync),
            new(o => o.ExternalTest == ExternalTestStatus.Pending, PendingTest, Sync),
            new(o => o.IsReleaseEligible && o.IsCanaryPending, Canarying, Sync), new(o => o.IsReleaseEligible, PendingRelease, Sync),
            new(o => o.IsExpired, Retiring, Sync), Always(Deployed, Sync),
        ],
        [PendingTest] =
        [
            new(o => !o.HasRevision, Deleting), new(HasFailed, Failing), new(o => o.ExternalTest == ExternalTestStatus.Succeeded, Tested),
            new(o => o.IsTimingOut, TimingOut), new(o => o.ExternalTest == ExternalTestStatus.Started, IncarnationState.Testing),
            new(o => Past(o, M15), TimingOut, Sync), Always(PendingTest, Sync),
        ],
        [IncarnationState.Testing] =
        [
            // Deliberate: spec.failed counts here too (the anchor looked only at the external test).
            new(o => !o.HasRevision, Deleting), new(HasFailed, Failing), new(o => o.ExternalTest == ExternalTestStatus.Succeeded, Tested),
            new(o => o.IsTimingOut, TimingOut), new(o => o.ExternalTest == ExternalTestStatus.Pending, PendingTest),
            new(o => o.ExternalTest is ExternalTestStatus.Disabled or ExternalTestStatus.Unknown, Deploying),
            new(o => Past(o, M15), TimingOut, Sync), Always(IncarnationState.Testing, Sync),
        ],
        [Tested] =
        [
            new(o => !o.HasRevision, Deleting), new(HasFailed, Failing), new(o => o.ExternalTest == ExternalTestStatus.Pending, PendingTest),
            new(o => o.ExternalTest is not (ExternalTestStatus.Succeeded or ExternalTestStatus.Failed), IncarnationState.Testing),
            new(o => o.IsReleaseEligible && o.IsCanaryPending, Canarying), new(o => o.IsReleaseEligible, PendingRelease),
            new(o => Past(o, M15), TimingOut), Always(Tested),
        ],
        [Canarying] = [new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => !o.IsCanaryPending, Canaried, SyncCanaryRules, DeleteTaggedServiceLevels, Sync), Always(Canarying, SyncCanaryRules, DeleteTaggedServiceLevels, Sync)],
        [Canaried] = [new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => o.IsReleaseEligible, PendingRelease, DeleteCanaryRules, Sync), Always(Canaried, DeleteCanaryRules, Sync)],
        [PendingRelease] = [new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => !o.IsReleaseEligible, Retiring), new(o => o.SchedulePermitsRelease, Releasing), Always(PendingRelease, Sync)],
        [Releasing] = [new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => !o.IsReleaseEligible, Retiring), new(o => o.PeakPercent >= 100, Released, Sync, DeleteTaggedServiceLevels), Always(Releasing, Sync, DeleteTaggedServiceLevels)],
        [Released] = [new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => !o.IsReleaseEligible, Retiring), new(o => o.PeakPercent >= 100, Released, Sync, DeleteTaggedServiceLevels), Always(Releasing, Sync, DeleteTaggedServiceLevels)],
        [Retiring] = [new(o => o.CurrentPercent > 0, Retiring), new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => o.IsReleaseEligible, Deploying), Always(Retired, DeleteTaggedServiceLevels, Retire)],
        [Retired] = [new(o => !o.HasRevision, Deleting), new(o => o.MarkedAsFailed, Failing), new(o => o.IsReleaseEligible, Deploying), Always(Retired, Retire)],
        [Deleting] = [new(o => o.CurrentPercent > 0, Deleting), new(o => o.HasRevision, Deploying), Always(Deleted, DeleteCanaryRules, DeleteTaggedServiceLevels, Delete)],
        [Deleted] = [new(o => o.HasRevision, Deploying), Always(Deleted)],
        [Failing] = [new(o => o.CurrentPercent > 0, Failing), new(o => !o.HasRevision, Deleting), new(o => !HasFailed(o), Deploying), Always(Failed, DeleteCanaryRules, DeleteTaggedServiceLevels, Retire)],
        [Failed] = [new(o => !o.HasRevision, Deleting), new(o => !HasFailed(o), Deploying), Always(Failed, Retire)],
        [TimingOut] = [new(o => !o.HasRevision, Deleting), new(HasFailed, Failing), Always(TimingOut)],
    };

    private static IEnumerable<Observations> AllInputs()
    {
        var ages = new[] { TimeSpan.Zero, TimeSpan.FromMinutes(20), TimeSpan.FromHours(2) };
        for (var bits = 0; bits < 256; bits++)
            foreach (var test in Enum.GetValues<ExternalTestStatus>())
                foreach (var current in new[] { 0, 5 })
                    foreach (var peak in new[] { 0, 50, 100 })
                        foreach (var age in ages)
                            yield return new Observations
                            {
                                HasRevision = (bits & 1) != 0,
                                MarkedAsFailed = (bits & 2) != 0,
                                IsDeployed = (bits & 4) != 0,
                                IsReleaseEligible = (bits & 8) != 0,
                                IsCanaryPending = (bits & 16) != 0,
                                IsExpired = (bits & 32) != 0,
                                IsTimingOut = (bits & 64) != 0,
                                SchedulePermitsRelease = (bits & 128) != 0,
                                ExternalTest = test,
                                CurrentPercent = current,
                                PeakPercent = peak,
                                LastUpdated = Now - age,
                                Now = Now,
                            };
    }

    public static TheoryData<IncarnationState> States() => [.. IncarnationStates.All];

    [Theory]
    [MemberData(nameof(States))]
    public void Every_combination_of_inputs_follows_the_ordered_rules_of_the_table(IncarnationState state)
    {
        var checkedCount = 0;
        foreach (var o in AllInputs())
        {
            var expected = Table[state].First(r => r.When(o));
            var actual = IncarnationStateMachine.Tick(state.Name(), o);
            actual.IsError.ShouldBeFalse();
            if (actual.Next != expected.Next || !actual.Effects.SequenceEqual(expected.Effects))
                throw new Xunit.Sdk.XunitException($"{state.Name()} with {o}: expected {expected.Next.Name()} [{string.Join(", ", expected.Effects)}], got {actual}");
            checkedCount++;
        }
        checkedCount.ShouldBe(256 * 6 * 2 * 3 * 3);
    }

    [Fact]
    public void The_table_covers_all_18_states()
    {
        IncarnationStates.All.Count.ShouldBe(18);
        Table.Keys.Order().ShouldBe(IncarnationStates.All.Order());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("pendingRelease")] // the anchor's casing: not a state name
    public void An_unknown_state_is_an_error_value_not_an_exception(string? state)
    {
        var result = IncarnationStateMachine.Tick(state, new Observations { Now = Now, LastUpdated = Now });

        result.IsError.ShouldBeTrue();
        result.Next.ShouldBeNull();
        result.Effects.ShouldBeEmpty();
        result.Error!.ShouldContain("unknown incarnation state");
    }

    [Fact]
    public void State_names_round_trip_in_lower_case()
    {
        foreach (var state in IncarnationStates.All)
        {
            IncarnationStates.TryParse(state.Name(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(state);
            state.Name().ShouldBe(state.Name().ToLowerInvariant());
        }
        PendingRelease.Name().ShouldBe("pendingrelease");
    }

    [Fact]
    public void An_abort_during_an_external_test_fails_the_incarnation()
    {
        var o = new Observations { HasRevision = true, MarkedAsFailed = true, ExternalTest = ExternalTestStatus.Started, Now = Now, LastUpdated = Now };

        IncarnationStateMachine.Tick(IncarnationState.Testing, o).Next.ShouldBe(Failing);
    }

    [Fact]
    public void The_typical_path_walks_from_created_to_released()
    {
        var o = new Observations { HasRevision = true, IsDeployed = true, IsReleaseEligible = true, IsCanaryPending = true, SchedulePermitsRelease = true, Now = Now, LastUpdated = Now };
        var path = new List<IncarnationState> { Created };
        var state = Created;
        foreach (var step in new Func<Observations, Observations>[]
        {
            x => x, x => x, x => x, x => x with { IsCanaryPending = false }, x => x, x => x, x => x with { PeakPercent = 100 },
        })
        {
            o = step(o);
            state = IncarnationStateMachine.Tick(state, o).Next!.Value;
            path.Add(state);
        }

        path.ShouldBe([Created, Deploying, Deployed, Canarying, Canaried, PendingRelease, Releasing, Released]);
    }
}
