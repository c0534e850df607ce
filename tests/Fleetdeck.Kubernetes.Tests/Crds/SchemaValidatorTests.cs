using System.Text.Json.Nodes;
using Fleetdeck.Kubernetes.Crds;
using Fleetdeck.Kubernetes.Tests.TestParts;

namespace Fleetdeck.Kubernetes.Tests.Crds;

/// <summary>Validation against a generated schema, with the API server's field paths and messages.</summary>
public sealed class SchemaValidatorTests
{
    private readonly CustomResourceSchemas _schemas = new();
    private readonly Core.Objects.ResourceKind _gadgets = TestModules.TestCatalog().Kinds.Get<Gadget>();

    private static JsonObject Gadget(string spec) => new()
    {
        ["apiVersion"] = "test.fleetdeck.dev/v1",
        ["kind"] = "Gadget",
        ["metadata"] = new JsonObject { ["name"] = "g", ["namespace"] = "ns" },
        ["spec"] = JsonNode.Parse(spec),
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        { """{"label": "ok", "replicas": "three"}""", "spec.replicas", "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"" },
        { """{"label": "ok", "replicas": 11}""", "spec.replicas", "Invalid value: 11: spec.replicas in body should be less than or equal to 10" },
        { """{"label": "ok", "replicas": -1}""", "spec.replicas", "Invalid value: -1: spec.replicas in body should be greater than or equal to 0" },
        { """{"label": "ok", "replicas": 1.5}""", "spec.replicas", "Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"" },
        { """{}""", "spec.label", "Required value" },
        { """{"label": "Not Lower"}""", "spec.label", "Invalid value: \"Not Lower\": spec.label in body should match '^[a-z][a-z0-9-]*$'" },
        { """{"label": ""}""", "spec.label", "Invalid value: \"\": spec.label in body should be at least 1 chars long" },
        { """{"label": "ok", "mode": "sleeping"}""", "spec.mode", "Unsupported value: \"sleeping\": supported values: \"standby\", \"Active\"" },
        { """{"label": "ok", "size": "huge"}""", "spec.size", "Unsupported value: \"huge\": supported values: \"small\", \"medium\", \"large\"" },
        { """{"label": "ok", "tags": []}""", "spec.tags", "Invalid value: 0: spec.tags in body should have at least 1 items" },
        { """{"label": "ok", "tags": ["a", "b", "c", "d", "e", "f"]}""", "spec.tags", "Too many: 6: must have at most 5 items" },
        { """{"label": "ok", "tags": ["a", 7]}""", "spec.tags[1]", "Invalid value: \"integer\": spec.tags[1] in body must be of type string: \"integer\"" },
        { """{"label": "ok", "settings": {"a": true}}""", "spec.settings.a", "Invalid value: \"boolean\": spec.settings.a in body must be of type string: \"boolean\"" },
        { """{"label": "ok", "endpoint": {"host": "h", "port": "eighty"}}""", "spec.endpoint.port", "must be of type integer" },
        { """{"label": "ok", "mirrors": [{"host": "h", "port": 1}, {"host": 2}]}""", "spec.mirrors[1].host", "must be of type string" },
        { """{"label": "ok", "port": true}""", "spec.port", "must be of type integer or string" },
        { """{"label": "ok", "storage": "ten gigs"}""", "spec.storage", "should match" },
        { """{"label": "ok", "notBefore": "yesterday"}""", "spec.notBefore", "must be of type date-time" },
        { """{"label": "ok", "resources": {"limits": {"memory": "lots"}}}""", "spec.resources.limits.memory", "should match" },
        { """{"label": "ok", "replicas": 3000000000}""", "spec.replicas", "should be less than or equal to 10" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_violation_names_the_field_and_what_is_wrong(string spec, string field, string message)
    {
        var errors = _schemas.Admit(_gadgets, Gadget(spec));

        errors.ShouldContain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var errors = _schemas.Admit(_gadgets, Gadget("""{"replicas": 99, "mode": "x", "tags": []}"""));

        errors.Select(e => e.Field).Order().ShouldBe(["spec.label", "spec.mode", "spec.replicas", "spec.tags"]);
    }

    [Fact]
    public void A_valid_gadget_passes_and_gets_its_defaults()
    {
        var gadget = Gadget("""
            {"label": "ok-1", "replicas": 3, "tags": ["x"], "settings": {"a": "b"}, "port": "http", "storage": "10Gi",
             "endpoint": {"host": "h", "port": 80}, "extra": {"anything": [1, {"goes": true}]}, "notBefore": "2024-01-02T03:04:05Z",
             "resources": {"requests": {"cpu": "100m", "memory": 1024}}, "legacy_name": "old"}
            """);

        _schemas.Admit(_gadgets, gadget).ShouldBeEmpty();

        gadget["spec"]!["mode"]!.GetValue<string>().ShouldBe("standby");
        gadget["spec"]!["size"]!.GetValue<string>().ShouldBe("medium");
    }

    [Fact]
    public void Defaults_never_replace_what_the_client_set()
    {
        var gadget = Gadget("""{"label": "ok", "mode": "Active", "size": "large"}""");

        _schemas.Admit(_gadgets, gadget).ShouldBeEmpty();

        gadget["spec"]!["mode"]!.GetValue<string>().ShouldBe("Active");
        gadget["spec"]!["size"]!.GetValue<string>().ShouldBe("large");
    }

    [Fact]
    public void Unknown_fields_are_not_schema_errors()
    {
        // The API server prunes them; the façade reports them as warnings (or refuses them under Strict) for every kind.
        _schemas.Admit(_gadgets, Gadget("""{"label": "ok", "colour": "red"}""")).ShouldBeEmpty();
    }

    [Fact]
    public void Kinds_without_a_crd_are_not_checked()
    {
        var configMaps = TestModules.TestCatalog().Kinds.Get<k8s.Models.V1ConfigMap>();

        _schemas.For(configMaps).ShouldBeNull();
        _schemas.Admit(configMaps, new JsonObject { ["data"] = new JsonObject { ["a"] = 1 } }).ShouldBeEmpty();
    }
}
