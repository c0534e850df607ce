using System.Text.Json.Nodes;
using Fleetdeck.Server.KubeApi.Patching;

namespace Fleetdeck.Server.Tests.KubeApi.Patching;

public sealed class JsonPatchTests
{
    private static string Apply(string document, string patch) => JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!)!.ToJsonString();

    [Fact]
    public void Arrays_take_inserts_appends_and_removals_by_index()
    {
        Apply("""{"a":[1,2,3]}""", """[{"op":"add","path":"/a/1","value":9},{"op":"add","path":"/a/-","value":7},{"op":"remove","path":"/a/0"}]""")
            .ShouldBe("""{"a":[9,2,3,7]}""");
    }

    [Fact]
    public void Pointers_unescape_tilde_and_slash()
    {
        Apply("""{"a~b":{"c/d":1}}""", """[{"op":"replace","path":"/a~0b/c~1d","value":2}]""").ShouldBe("""{"a~b":{"c/d":2}}""");
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/a/5","value":1}]""")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a/01","value":1}]""")]
    [InlineData("""[{"op":"test","path":"/a","value":[1]}]""")]
    public void Operations_that_do_not_fit_the_document_fail_without_being_malformed(string patch)
    {
        Should.Throw<PatchException>(() => Apply("""{"a":[1,2]}""", patch)).Malformed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("""[{"path":"/a"}]""")]
    [InlineData("""[{"op":"add","value":1}]""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[1]""")]
    public void Malformed_operations_are_rejected(string patch)
    {
        Should.Throw<PatchException>(() => Apply("""{"a":[1,2]}""", patch)).Malformed.ShouldBeTrue();
    }
}
