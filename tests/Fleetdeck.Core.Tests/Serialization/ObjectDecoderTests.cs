using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Serialization;

public sealed class ObjectDecoderTests
{
    private readonly ObjectDecoder _decoder = new(TestKinds.Registry());

    private DecodedObject Decode(string yaml) => _decoder.Decode(YamlReader.Read(yaml, "m.yaml").Single());

    [Fact]
    public void Decodes_built_in_and_custom_kinds_into_their_types()
    {
        Decode("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 2}\n").Object.ShouldBeOfType<V1Deployment>().Spec.Replicas.ShouldBe(2);
        Decode("apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec: {color: red}\n").Object.ShouldBeOfType<Widget>().Spec.Color.ShouldBe("red");
    }

    [Fact]
    public void Unknown_fields_are_warnings_with_their_path()
    {
        var decoded = Decode("apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  color: red\n  colour: red\n  tags: [a]\nextra: 1\n");

        decoded.Warnings.ShouldBe(["unknown field \"spec.colour\"", "unknown field \"extra\""]);
    }

    [Theory]
    [InlineData("kind: ConfigMap\nmetadata: {name: x}\n", "m.yaml:1:1: missing apiVersion")]
    [InlineData("apiVersion: v1\nmetadata: {name: x}\n", "m.yaml:1:1: missing kind")]
    [InlineData("apiVersion: v1\nkind: Gizmo\nmetadata: {name: x}\n", "m.yaml:2:1: unknown kind \"Gizmo\" in apiVersion \"v1\"")]
    [InlineData("apiVersion: test.fleetdeck.dev/v2\nkind: Widget\nmetadata: {name: x}\n", "m.yaml:2:1: kind Widget is served as apiVersion test.fleetdeck.dev/v1, not \"test.fleetdeck.dev/v2\"")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n", "m.yaml:3:1: ConfigMap has no metadata.name")]
    [InlineData("apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: big\n", "m.yaml:5:3: Widget w: spec.size: The JSON value could not be converted to System.Int32.")]
    public void Bad_documents_name_file_line_and_problem(string yaml, string message)
    {
        Should.Throw<ManifestException>(() => Decode(yaml)).Message.ShouldBe(message);
    }

    [Fact]
    public void List_documents_expand_into_their_items()
    {
        using var dir = new Fleetdeck.Testing.TempDirectory();
        File.WriteAllText(dir.File("list.yaml"), "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n");

        var documents = ManifestLoader.Load(dir.Path);

        _decoder.DecodeAll(documents).Select(d => d.Object.Metadata.Name).ShouldBe(["a", "b"]);
    }
}
