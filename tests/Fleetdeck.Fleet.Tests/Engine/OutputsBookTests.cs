using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Steps;

namespace Fleetdeck.Fleet.Tests.Engine;

public sealed class OutputsBookTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleet-outputs");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Outputs_round_trip_typed_and_are_written_only_when_they_change()
    {
        var book = new OutputsBook(_dir.Path, "acme");
        var outputs = new BootstrapOutputs("org-acme", "acme-workload", "127.0.0.1:5432");
        book.Set(StepNames.Bootstrap, outputs).ShouldBeTrue();
        var written = File.GetLastWriteTimeUtc(book.File);
        File.SetLastWriteTimeUtc(book.File, written.AddMinutes(-5));
        book.Set(StepNames.Bootstrap, outputs with { }).ShouldBeFalse();
        File.GetLastWriteTimeUtc(book.File).ShouldBe(written.AddMinutes(-5), "an unchanged output is not written");

        var reread = new OutputsBook(_dir.Path, "acme");
        reread.Get<BootstrapOutputs>(StepNames.Bootstrap).ShouldBe(outputs);
        reread.Get<PersistentOutputs>(StepNames.Persistent).ShouldBeNull();
        Should.Throw<StepFailedException>(() => reread.Require<PersistentOutputs>(StepNames.Persistent, StepNames.PostgresConfig))
            .Message.ShouldBe("postgres_config needs the outputs of persistent, which has not run: run ensure without --only/--from, or with --from persistent");
    }

    [Fact]
    public void A_corrupt_outputs_file_says_how_to_rebuild_it()
    {
        Directory.CreateDirectory(_dir.File("acme"));
        File.WriteAllText(_dir.File("acme/outputs.json"), "{ not json");
        Should.Throw<StepFailedException>(() => new OutputsBook(_dir.Path, "acme")).Message.ShouldContain("remove it and run ensure again");
    }
}
