using System.Text.Json.Nodes;
using Fleetdeck.Server.KubeApi.Patching;
using k8s.Models;

namespace Fleetdeck.Server.Tests.KubeApi.Patching;

public sealed class StrategicMergePatchTests
{
    private static JsonObject Apply(string original, string patch, Type? type = null) =>
        StrategicMergePatch.Apply((JsonObject)JsonNode.Parse(original)!, (JsonObject)JsonNode.Parse(patch)!, type ?? typeof(V1PodSpec));

    [Fact]
    public void Set_element_order_slots_server_only_items_by_their_live_position()
    {
        var result = Apply(
            """{"containers":[{"name":"a"},{"name":"s1"},{"name":"b"},{"name":"s2"}]}""",
            """{"$setElementOrder/containers":[{"name":"b"},{"name":"a"},{"name":"c"}],"containers":[{"name":"c","image":"x"}]}""");

        // Upstream's mergeSortedSlice: a server-only item goes before a patch item that comes after it in the live list.
        result["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["s1", "b", "a", "c", "s2"]);
    }

    [Fact]
    public void Replace_and_delete_directives_apply_to_maps()
    {
        var result = Apply(
            """{"securityContext":{"runAsUser":1,"fsGroup":2},"dnsConfig":{"options":[]}}""",
            """{"securityContext":{"$patch":"replace","runAsUser":5},"dnsConfig":{"$patch":"delete"}}""");

        result.ToJsonString().ShouldBe("""{"securityContext":{"runAsUser":5}}""");
    }

    [Fact]
    public void Directives_inside_new_values_are_removed()
    {
        var result = Apply("""{}""", """{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","$patch":"delete"}]}]}""");

        result.ToJsonString().ShouldBe("""{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}""");
    }

    [Fact]
    public void Lists_without_a_strategy_are_replaced_and_nulls_delete()
    {
        var result = Apply(
            """{"tolerations":[{"key":"a"}],"nodeSelector":{"x":"1","y":"2"},"hostname":"h"}""",
            """{"tolerations":[{"key":"b"}],"nodeSelector":{"x":null},"hostname":null}""");

        result.ToJsonString().ShouldBe("""{"tolerations":[{"key":"b"}],"nodeSelector":{"y":"2"}}""");
    }

    [Fact]
    public void Retain_keys_must_cover_the_patch()
    {
        Should.Throw<PatchException>(() => Apply("""{"a":{}}""", """{"$retainKeys":["type"],"other":1}"""))
            .Malformed.ShouldBeFalse();
    }

    [Fact]
    public void Owner_references_merge_by_uid_and_conditions_by_type()
    {
        var meta = Apply(
            """{"ownerReferences":[{"uid":"1","name":"a"},{"uid":"2","name":"b"}]}""",
            """{"ownerReferences":[{"uid":"2","name":"bb"},{"uid":"3","name":"c"}]}""", typeof(V1ObjectMeta));
        meta["ownerReferences"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()).ShouldBe(["a", "bb", "c"]);

        var status = Apply(
            """{"conditions":[{"type":"Available","status":"False"},{"type":"Progressing","status":"True"}]}""",
            """{"conditions":[{"type":"Available","status":"True"}]}""", typeof(V1DeploymentStatus));
        status["conditions"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()).ShouldBe(["True", "True"]);
    }

    [Fact]
    public void Unknown_directives_are_malformed_patches()
    {
        Should.Throw<PatchException>(() => Apply("""{}""", """{"$patch":"explode"}""")).Malformed.ShouldBeTrue();
    }
}
