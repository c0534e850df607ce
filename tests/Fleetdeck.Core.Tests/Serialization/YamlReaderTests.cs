using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Core.Tests.Serialization;

public sealed class YamlReaderTests
{
    [Theory]
    [InlineData("v: yes", "true")]
    [InlineData("v: on", "true")]
    [InlineData("v: False", "false")]
    [InlineData("v: 0644", "420")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 12", "12")]
    [InlineData("v: -3", "-3")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: '12'", "\"12\"")]
    [InlineData("v: \"yes\"", "\"yes\"")]
    [InlineData("v: !!str 12", "\"12\"")]
    [InlineData("v: 1.2.3", "\"1.2.3\"")]
    [InlineData("v: 08", "8")]
    public void Scalars_resolve_as_kubectl_resolves_them(string yaml, string json)
    {
        var document = YamlReader.Read(yaml, "t.yaml").Single();

        (document.Root["v"]?.ToJsonString() ?? "null").ShouldBe(json);
    }

    [Fact]
    public void Positions_name_line_and_column_of_every_field()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  key: value\n";

        var document = YamlReader.Read(yaml, "cm.yaml").Single();

        document.PositionOf("metadata.name").ShouldBe(new SourcePosition("cm.yaml", 4, 3));
        document.PositionOf("data.key").ShouldBe(new SourcePosition("cm.yaml", 6, 3));
        document.PositionOf("data.missing").ShouldBe(new SourcePosition("cm.yaml", 5, 1));
    }

    [Fact]
    public void Several_documents_are_read_and_empty_ones_skipped()
    {
        var documents = YamlReader.Read("---\na: 1\n---\n---\nb: 2\n", "m.yaml");

        documents.Count.ShouldBe(2);
        documents[1].Start.Line.ShouldBe(4);
    }

    [Fact]
    public void Invalid_yaml_names_file_line_and_column()
    {
        var error = Should.Throw<ManifestException>(() => YamlReader.Read("a: 1\nb:\n  c: 2\n d: 3\n", "broken.yaml"));

        error.Message.ShouldStartWith("broken.yaml:");
        error.Position!.Value.Line.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Duplicate_keys_are_an_error()
    {
        var error = Should.Throw<ManifestException>(() => YamlReader.Read("a: 1\na: 2\n", "dup.yaml"));

        error.Message.ShouldBe("dup.yaml:2:1: duplicate key \"a\"");
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_expanded()
    {
        var document = YamlReader.Read("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\ncopy: *b\n", "a.yaml").Single();

        document.Root["use"]!.ToJsonString().ShouldBe("{\"x\":1,\"y\":3}");
        document.Root["copy"]!.ToJsonString().ShouldBe("{\"x\":1,\"y\":2}");
    }

    [Fact]
    public void A_top_level_list_is_not_a_manifest()
    {
        Should.Throw<ManifestException>(() => YamlReader.Read("- a\n- b\n", "l.yaml")).Message.ShouldContain("must be a mapping");
    }

    [Fact]
    public void Json_reads_as_yaml()
    {
        var document = YamlReader.Read("{\"kind\": \"ConfigMap\", \"data\": {\"a\": \"1\"}}", "cm.json").Single();

        document.Root["data"]!["a"]!.GetValue<string>().ShouldBe("1");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("yes")]
    [InlineData("0644")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData("line one\nline two\n")]
    [InlineData("a: b")]
    [InlineData("- item")]
    [InlineData("null")]
    [InlineData(" leading space")]
    [InlineData("#comment")]
    public void Written_strings_read_back_as_the_same_strings(string value)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["v"] = value });

        YamlReader.Read(yaml, "round.yaml").Single().Root["v"]!.GetValue<string>().ShouldBe(value);
    }

    [Fact]
    public void Writer_output_is_block_yaml_in_key_order()
    {
        var node = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{}},"data":{"b":"2","a":"1"},"list":[1,{"k":true}]}""")!;

        YamlWriter.Write(node).ShouldBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {}\ndata:\n  b: \"2\"\n  a: \"1\"\nlist:\n- 1\n- k: true\n");
    }
}
