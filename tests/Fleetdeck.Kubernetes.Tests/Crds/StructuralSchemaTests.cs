using System.Text.Json.Nodes;
using k8s.Models;
using Fleetdeck.Kubernetes.Crds;

namespace Fleetdeck.Kubernetes.Tests.Crds;

/// <summary>The structural-schema check finds what the API server would refuse (so a passing check means something).</summary>
public sealed class StructuralSchemaTests
{
    private static V1JSONSchemaProps Root(string field, V1JSONSchemaProps schema) => new()
    {
        Type = "object",
        Properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["metadata"] = new() { Type = "object" },
            [field] = schema,
        },
    };

    public static TheoryData<string, V1JSONSchemaProps, string> Violations => new()
    {
        { "a field without a type", Root("spec", new V1JSONSchemaProps { Description = "no type" }), "openAPIV3Schema.properties[spec].type: Required value" },
        { "properties with additionalProperties", Root("spec", new V1JSONSchemaProps
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps> { ["a"] = new() { Type = "string" } },
                AdditionalProperties = new V1JSONSchemaProps { Type = "string" },
            }), "additionalProperties and properties are mutual exclusive" },
        { "additionalProperties false", Root("spec", new V1JSONSchemaProps { Type = "object", AdditionalProperties = false }), "must not be false" },
        { "an array without items", Root("spec", new V1JSONSchemaProps { Type = "array" }), "properties[spec].items: Required value" },
        { "a nested field without a type", Root("spec", new V1JSONSchemaProps
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps> { ["inner"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["x"] = new() } } },
            }), "properties[inner].properties[x].type: Required value" },
        { "a type inside anyOf", Root("spec", new V1JSONSchemaProps { Type = "string", AnyOf = [new() { Type = "string" }] }), "anyOf[0].type: Forbidden" },
        { "a description inside anyOf", Root("spec", new V1JSONSchemaProps { Type = "string", AnyOf = [new() { Description = "x" }] }), "anyOf[0].description: Forbidden" },
        { "a $ref", Root("spec", new V1JSONSchemaProps { Type = "object", RefProperty = "#/definitions/x" }), "$ref is not allowed" },
        { "metadata restricted beyond name", new V1JSONSchemaProps
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    ["metadata"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["labels"] = new() { Type = "object" } } },
                },
            }, "properties[metadata].properties[labels]: Forbidden" },
        { "a default that breaks its own schema", Root("spec", new V1JSONSchemaProps { Type = "integer", DefaultProperty = JsonValue.Create("three") }), "default: Invalid value" },
        { "a default outside its enum", Root("spec", new V1JSONSchemaProps { Type = "string", EnumProperty = [JsonValue.Create("a")!], DefaultProperty = JsonValue.Create("b") }), "Unsupported value" },
        { "int-or-string with a type", Root("spec", new V1JSONSchemaProps { Type = "string", XKubernetesIntOrString = true }), "must be empty when x-kubernetes-int-or-string is true" },
        { "a root that is not an object", new V1JSONSchemaProps { Type = "string" }, "must be object at the root" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_schema_the_api_server_refuses_is_reported(string what, V1JSONSchemaProps schema, string expected)
    {
        StructuralSchema.Violations(schema).ShouldContain(v => v.Contains(expected, StringComparison.Ordinal), what);
    }

    [Fact]
    public void The_int_or_string_form_and_kept_unknown_fields_need_no_type()
    {
        var schema = Root("spec", new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["quantity"] = new() { AnyOf = [new() { Type = "integer" }, new() { Type = "string" }], XKubernetesIntOrString = true },
                ["port"] = new() { XKubernetesIntOrString = true },
                ["anything"] = new() { XKubernetesPreserveUnknownFields = true },
                ["count"] = new() { Type = "integer", DefaultProperty = JsonValue.Create(3) },
            },
        });

        StructuralSchema.Violations(schema).ShouldBeEmpty();
    }
}
