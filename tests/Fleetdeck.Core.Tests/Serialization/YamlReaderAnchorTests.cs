using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Core.Tests.Serialization;

public sealed class YamlReaderAnchorTests
{
    [Fact]
    public void Documents_without_anchors_are_read()
    {
        var documents = YamlReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: [x, y]\n", "test.yaml");

        documents.Count.ShouldBe(1);
        documents[0].Root["metadata"]!["name"]!.GetValue<string>().ShouldBe("a");
        documents[0].Root["data"]!["k"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public void Anchors_and_aliases_are_resolved()
    {
        var documents = YamlReader.Read("base: &b {a: 1}\ncopy: *b\n", "test.yaml");

        documents[0].Root["copy"]!["a"]!.GetValue<long>().ShouldBe(1);
    }
}
