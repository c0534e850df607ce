using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Rollouts.Tests.EndToEnd;

/// <summary>The manifests in examples/rollouts release fully on an embedded control plane, as `fleetdeck up --apply` runs them.</summary>
public sealed class ExampleTests
{
    private static string Examples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fleetdeck.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), "examples", "rollouts");
    }

    private static async Task ApplyAsync(EmbeddedControlPlane plane, string file)
    {
        var decoder = new ObjectDecoder(plane.Store.Kinds);
        foreach (var decoded in decoder.DecodeAll(ManifestLoader.Load(Path.Combine(Examples(), file))))
        {
            decoded.Warnings.ShouldBeEmpty();
            await new ManifestApplier(plane.Store).ApplyAsync(decoded, "default");
        }
    }

    [Fact]
    public async Task The_examples_release_v1_then_canary_and_release_v2()
    {
        await using var plane = await EmbeddedControlPlane.StartAsync();
        await ApplyAsync(plane, "clusters.yaml");
        await ApplyAsync(plane, "revision-v1.yaml");
        await plane.AdvanceUntilAsync(() => plane.ReleaseManagerAsync("web", "production"),
            rm => rm?.Status.Revisions.SingleOrDefault()?.State.Current == "released", TimeSpan.FromMinutes(3), because: "web v1 is released");

        await ApplyAsync(plane, "revision-v2.yaml");
        var sawCanary = false;
        await plane.AdvanceUntilAsync(() => plane.ReleaseManagerAsync("web", "production"),
            rm => rm!.Status.Revisions.FirstOrDefault(r => r.Tag == "v2")?.State.Current == "released", TimeSpan.FromMinutes(5),
            rm => sawCanary |= rm!.Status.Revisions.Any(r => r.Tag == "v2" && r.State.Current == "canarying" && r.CurrentPercent == 10),
            because: "web v2 is released after its canary");
        sawCanary.ShouldBeTrue();
        plane.Fleet.All.Select(c => c.Name).ShouldBe(["eu-central", "us-east", "us-west"]);
    }
}
