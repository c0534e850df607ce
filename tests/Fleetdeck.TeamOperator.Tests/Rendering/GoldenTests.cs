using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Tests.Rendering;

/// <summary>
/// Every example Site renders to its golden file, byte for byte. <c>FLEETDECK_UPDATE_GOLDENS=1</c> rewrites the goldens
/// (review the diff before committing); without it, any difference fails.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Examples() => new(Directory.GetFiles(Repository.Path("examples", "sites"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_renders_to_its_golden_file(string example)
    {
        var rendered = Render(Repository.Path("examples", "sites", $"{example}.yaml"));
        var golden = Repository.Path("examples", "sites", "golden", $"{example}.yaml");

        if (Environment.GetEnvironmentVariable("FLEETDECK_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(golden, rendered);
            return;
        }
        File.Exists(golden).ShouldBeTrue($"no golden file {golden}: run the tests with FLEETDECK_UPDATE_GOLDENS=1 to write it");
        var expected = File.ReadAllText(golden);
        if (rendered != expected) throw new Xunit.Sdk.XunitException($"{example} does not render to {golden}:\n{FirstDifference(expected, rendered)}\n(FLEETDECK_UPDATE_GOLDENS=1 rewrites the goldens)");
    }

    [Fact]
    public void Every_example_has_a_golden_and_every_golden_an_example()
    {
        var examples = Directory.GetFiles(Repository.Path("examples", "sites"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        var goldens = Directory.GetFiles(Repository.Path("examples", "sites", "golden"), "*.yaml").Select(Path.GetFileName).Order().ToList();
        goldens.ShouldBe(examples);
    }

    public static string Render(string file)
    {
        var kinds = TeamTestKinds.Registry();
        var decoded = new ObjectDecoder(kinds).DecodeAll(ManifestLoader.Load(file));
        decoded.SelectMany(d => d.Warnings).ShouldBeEmpty("examples use only known fields");
        var renderer = new TeamRenderer(kinds, PlaceholderInputs.Instance);
        return RenderOutput.Yaml(TeamRenderer.Sort(decoded.SelectMany(d => renderer.Render(d.Object, RenderDefaults.Database))));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return $"line {i + 1}:\n  golden:   {el}\n  rendered: {al}";
        }
        return "(same lines, different line endings)";
    }
}
