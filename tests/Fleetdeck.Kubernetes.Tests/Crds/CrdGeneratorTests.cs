using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Kubernetes.Crds;
using Fleetdeck.Kubernetes.Install;
using Fleetdeck.Kubernetes.Tests.TestParts;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Crds;

public sealed class CrdGeneratorTests
{
    private readonly CrdGenerator _generator = new();
    private readonly ControllerCatalog _catalog = TestModules.BuildCatalog();

    private V1CustomResourceDefinition Crd<T>() => _generator.For(_catalog.Kinds.Get<T>());

    private static V1JSONSchemaProps Spec(V1CustomResourceDefinition crd) => crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];

    [Fact]
    public void Every_generated_schema_is_structural()
    {
        var crds = _generator.Generate(_catalog.Kinds);

        crds.Count.ShouldBeGreaterThanOrEqualTo(2, "this build's kinds plus the test kinds");
        foreach (var crd in crds)
            StructuralSchema.Violations(crd.Spec.Versions[0].Schema.OpenAPIV3Schema).ShouldBeEmpty($"{crd.Metadata.Name} is not structural");
    }

    [Fact]
    public void Only_fleetdecks_own_kinds_get_a_crd()
    {
        var names = _generator.Generate(_catalog.Kinds).Select(c => c.Metadata.Name).ToList();

        names.ShouldContain("widgets.test.fleetdeck.dev");
        names.ShouldContain("gadgets.test.fleetdeck.dev");
        names.ShouldNotContain(n => n.EndsWith(".k8s.io", StringComparison.Ordinal) || !n.Contains('.'), "no built-in kind");
        names.ShouldNotContain("middlewares.traefik.io", "third-party kinds keep their own projects' CRDs");
        names.ShouldNotContain("keycloaks.k8s.keycloak.org");
        names.ShouldBe([.. names.OrderBy(n => n[(n.IndexOf('.') + 1)..], StringComparer.Ordinal).ThenBy(n => n, StringComparer.Ordinal)], "ordered by group, then plural");
        Should.Throw<ArgumentException>(() => _generator.For(_catalog.Kinds.Get<V1ConfigMap>()));
    }

    [Fact]
    public void Every_crd_matches_its_kind_in_the_registry()
    {
        foreach (var kind in _catalog.Kinds.All.Where(CrdGenerator.IsOwned))
        {
            var crd = _generator.For(kind);
            crd.Metadata.Name.ShouldBe($"{kind.Plural}.{kind.Group}");
            crd.Spec.Group.ShouldBe(kind.Group);
            crd.Spec.Scope.ShouldBe(kind.Namespaced ? "Namespaced" : "Cluster");
            crd.Spec.Names.Kind.ShouldBe(kind.Kind);
            crd.Spec.Names.ListKind.ShouldBe(kind.Kind + "List");
            crd.Spec.Names.Plural.ShouldBe(kind.Plural);
            crd.Spec.Names.Singular.ShouldBe(kind.Singular);
            (crd.Spec.Names.ShortNames ?? []).ShouldBe(kind.ShortNames);
            (crd.Spec.Names.Categories ?? []).ShouldBe(kind.Categories);
            var version = crd.Spec.Versions.ShouldHaveSingleItem();
            version.Name.ShouldBe(kind.Version);
            version.Served.ShouldBeTrue();
            version.Storage.ShouldBeTrue();
            (version.Subresources?.Status is not null).ShouldBe(kind.HasStatus);
            var columns = version.AdditionalPrinterColumns.Select(c => c.Name).ToList();
            columns[^1].ShouldBe("Age");
            columns.ShouldContain("Ready");
            foreach (var column in kind.PrinterColumns) columns.ShouldContain(column.Name);
            version.AdditionalPrinterColumns.ShouldAllBe(c => c.Type == "string" || c.Type == "integer" || c.Type == "number" || c.Type == "boolean" || c.Type == "date");
        }
    }

    [Fact]
    public void Printer_columns_put_ready_first_unless_the_kind_places_it_and_age_last()
    {
        Crd<Gadget>().Spec.Versions[0].AdditionalPrinterColumns.Select(c => (c.Name, c.Priority ?? 0))
            .ShouldBe([("Ready", 0), ("Mode", 0), ("Replicas", 0), ("Reason", 1), ("Age", 0)]);
        Crd<Widget>().Spec.Versions[0].AdditionalPrinterColumns.Select(c => c.Name).ShouldBe(["Color", "Ready", "Reason", "Age"]);
    }

    [Fact]
    public void Types_map_to_openapi_types_and_formats()
    {
        var spec = Spec(Crd<Gadget>()).Properties;

        spec["label"].Type.ShouldBe("string");
        spec["replicas"].Type.ShouldBe("integer");
        spec["replicas"].Format.ShouldBe("int32");
        spec["notBefore"].Format.ShouldBe("date-time");
        spec["tags"].Type.ShouldBe("array");
        ((V1JSONSchemaProps)spec["tags"].Items).Type.ShouldBe("string");
        spec["settings"].Type.ShouldBe("object");
        ((V1JSONSchemaProps)spec["settings"].AdditionalProperties).Type.ShouldBe("string");
        spec["endpoint"].Properties.Keys.ShouldBe(["host", "port"]);
        ((V1JSONSchemaProps)spec["mirrors"].Items).Properties.Keys.ShouldBe(["host", "port"]);
        spec["extra"].XKubernetesPreserveUnknownFields.ShouldBe(true);
        spec["port"].XKubernetesIntOrString.ShouldBe(true);
        spec["port"].Type.ShouldBeNull();
        spec["storage"].XKubernetesIntOrString.ShouldBe(true);
        spec["storage"].Pattern.ShouldBe(SchemaGenerator.QuantityPattern);
        spec["resources"].Properties.Keys.ShouldContain("limits");
        Crd<Widget>().Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"].Properties["observedGeneration"].Format.ShouldBe("int64");
    }

    [Fact]
    public void Json_names_and_ignored_members_follow_the_serializer()
    {
        var spec = Spec(Crd<Gadget>()).Properties;

        spec.Keys.ShouldContain("legacy_name", "[JsonPropertyName] wins");
        spec.Keys.ShouldNotContain("legacyName");
        spec.Keys.ShouldNotContain("summary", "[JsonIgnore]");
        spec.Keys.ShouldNotContain("hasTags", "read-only, never read back");
        spec.Keys.ShouldBe([.. spec.Keys.Order(StringComparer.Ordinal)], "sorted, for deterministic output");
    }

    [Fact]
    public void Data_annotations_become_required_fields_enums_patterns_bounds_and_defaults()
    {
        var spec = Spec(Crd<Gadget>());

        spec.Required.ShouldBe(["label"]);
        spec.Properties["label"].Pattern.ShouldBe("^[a-z][a-z0-9-]*$");
        spec.Properties["label"].MinLength.ShouldBe(1);
        spec.Properties["label"].MaxLength.ShouldBe(63);
        spec.Properties["mode"].EnumProperty.Select(v => v.ToString()).ShouldBe(["standby", "Active"]);
        spec.Properties["mode"].DefaultProperty!.ToString().ShouldBe("standby");
        spec.Properties["size"].EnumProperty.Select(v => v.ToString()).ShouldBe(["small", "medium", "large"]);
        spec.Properties["size"].DefaultProperty!.ToString().ShouldBe("medium");
        spec.Properties["replicas"].Minimum.ShouldBe(0);
        spec.Properties["replicas"].Maximum.ShouldBe(10);
        spec.Properties["tags"].MinItems.ShouldBe(1);
        spec.Properties["tags"].MaxItems.ShouldBe(5);
    }

    [Fact]
    public void Descriptions_come_from_xml_doc_comments()
    {
        var crd = Crd<Gadget>();
        var root = crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
        var spec = Spec(crd);

        root.Description.ShouldBe("A test kind with every sort of field the CRD generator handles: Gadget in test.fleetdeck.dev/v1.");
        spec.Description.ShouldBe("What the gadget should be.", "a field without a comment is described by its type");
        spec.Properties["label"].Description.ShouldBe("The gadget's name on its label: lower case, starting with a letter.");
        spec.Properties["storage"].Description.ShouldBe("Disk to give it, as a Kubernetes quantity (10Gi).", "<c> reads as its text");
        spec.Properties["endpoint"].Properties["host"].Description.ShouldBe("The host name or address.", "a record's <param> describes its property");
        spec.Properties["mirrors"].Description.ShouldBe("A network endpoint.", "a list is described by its items' type");
        spec.Properties["mode"].Description.ShouldBe("How the gadget runs.");
    }

    [Fact]
    public void The_test_kinds_crds_are_stable_to_the_byte()
    {
        var crds = _generator.Generate(TestModules.TestCatalog().Kinds);

        GoldenFile.Check("crds.yaml", InstallManifests.ToYaml(crds));
    }
}
