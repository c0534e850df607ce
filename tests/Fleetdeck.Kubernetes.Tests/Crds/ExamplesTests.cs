using System.Text.Json;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Kubernetes.Crds;

namespace Fleetdeck.Kubernetes.Tests.Crds;

/// <summary>Every example a user copies from <c>examples/</c> is one a cluster with Fleetdeck's CRDs accepts as it is.</summary>
public sealed class ExamplesTests
{
    private readonly KindRegistry _kinds = TestModules.BuildCatalog().Kinds;
    private readonly CustomResourceSchemas _schemas = new();

    /// <summary>Every problem a cluster would have with the documents: unknown kinds, fields that do not exist, schema violations.</summary>
    private List<string> Problems(IEnumerable<ManifestDocument> documents)
    {
        var problems = new List<string>();
        var decoder = new ObjectDecoder(_kinds);
        foreach (var document in documents)
        {
            var where = $"{document.Start.Source}:{document.Start.Line} {document.Root["kind"]} {document.Root["metadata"]?["name"]}";
            // As the API server: the schema first (it sees types before any decoding would), then the fields the kind lacks.
            if (_kinds.Find(document.Root["apiVersion"]?.ToString() ?? "", document.Root["kind"]?.ToString() ?? "") is { } kind)
            {
                var body = JsonSerializer.SerializeToNode(document.Root)!.AsObject();
                var invalid = _schemas.Admit(kind, body).Select(e => $"{where}: {e} ({document.PositionOf(e.Field)})").ToList();
                problems.AddRange(invalid);
                if (invalid.Count > 0) continue;
            }
            try
            {
                problems.AddRange(decoder.Decode(document).Warnings.Select(w => $"{where}: {w}"));
            }
            catch (ManifestException e)
            {
                problems.Add(e.Message);
            }
        }
        return problems;
    }

    [Fact]
    public void Every_example_manifest_validates_against_its_kinds_schema()
    {
        var root = Path.Combine(Repository.Root, "examples");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml") // kustomize's own file, not an object
            .Where(f => Path.GetFileName(f) is not ("fleetdeck.yaml" or "ptd.yaml")) // fleet target files (docs/fleet.md), not objects
            .Order(StringComparer.Ordinal)
            .ToList();
        files.ShouldNotBeEmpty();

        var problems = Problems(files.SelectMany(ManifestLoader.LoadFile));

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public void The_check_finds_what_a_cluster_would_refuse()
    {
        var documents = YamlReader.Read("""
            apiVersion: test.fleetdeck.dev/v1
            kind: Gadget
            metadata:
              name: broken
            spec:
              label: ok
              replicas: many
            ---
            apiVersion: test.fleetdeck.dev/v1
            kind: Gadget
            metadata:
              name: extra
            spec:
              label: ok
              colour: red
            ---
            apiVersion: test.fleetdeck.dev/v1
            kind: Gizmo
            metadata:
              name: unknown
            """, "broken.yaml");

        var problems = Problems(documents);

        problems.ShouldContain(p => p.StartsWith("broken.yaml:1 Gadget broken: spec.replicas: Invalid value: \"string\"", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("unknown field \"spec.colour\"", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("unknown kind \"Gizmo\"", StringComparison.Ordinal));
    }
}
