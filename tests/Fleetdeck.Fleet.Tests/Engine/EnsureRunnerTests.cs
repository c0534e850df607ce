using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Fleet.Tests.Engine;

public sealed class EnsureRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleet-runner");

    public void Dispose() => _dir.Dispose();

    private StepContext Context()
    {
        var targets = TargetsDirectory.Load(TargetsDir.Example("targets"));
        var store = new TestStore();
        return new StepContext
        {
            Target = targets.Resolve("acme"),
            ControlRoom = (ControlRoomTarget)targets.Resolve("ctrl01"),
            ControlPlane = store.Store,
            Cluster = store.Store,
            Outputs = new OutputsBook(_dir.Path, "acme"),
        };
    }

    private static StepPlan Changes => new([new PlannedChange(ChangeAction.Create, "Namespace", null, "x")], []);

    [Fact]
    public async Task The_first_failure_stops_the_run_and_names_how_to_resume()
    {
        var log = new List<string>();
        IReadOnlyList<IStep> steps = [new FakeStep("a", Changes, log: log), new FakeStep("b", Changes, fail: "no database", log: log), new FakeStep("c", log: log)];
        var report = await new EnsureRunner(TimeProvider.System).RunAsync("acme", steps, Context(), new EnsureOptions(), null, CancellationToken.None);
        log.ShouldBe(["plan a", "apply a", "plan b", "apply b"]);
        report.Steps.Select(s => s.State).ShouldBe([StepState.Done, StepState.Failed, StepState.Pending]);
        report.FailedStep!.Error.ShouldBe("no database");
        report.Resume.ShouldBe("fleetdeck ensure acme --from b");
        report.ExitCode.ShouldBe(1);
    }

    // Exit codes: a dry run with changes 2, without 0; a run that applied 0; a failure 1.
    [Theory]
    [InlineData(true, true, null, 2)]
    [InlineData(true, false, null, 0)]
    [InlineData(false, true, null, 0)]
    [InlineData(false, false, "boom", 1)]
    public async Task Exit_codes(bool dryRun, bool changes, string? fail, int exit)
    {
        var log = new List<string>();
        IReadOnlyList<IStep> steps = [new FakeStep("a", changes ? Changes : null, fail, log)];
        var report = await new EnsureRunner(TimeProvider.System).RunAsync("acme", steps, Context(), new EnsureOptions { DryRun = dryRun }, null, CancellationToken.None);
        report.ExitCode.ShouldBe(exit);
        log.Contains("apply a").ShouldBe(!dryRun, "a dry run never applies");
    }

    [Fact]
    public async Task Destroy_calls_destroy_not_apply()
    {
        var log = new List<string>();
        IReadOnlyList<IStep> steps = [new FakeStep("b", Changes, log: log), new FakeStep("a", Changes, log: log)];
        await new EnsureRunner(TimeProvider.System).RunAsync("acme", steps, Context(), new EnsureOptions { Destroy = true }, null, CancellationToken.None);
        log.ShouldBe(["plan b", "destroy b", "plan a", "destroy a"]);
    }
}
