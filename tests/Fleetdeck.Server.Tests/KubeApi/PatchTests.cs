using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class PatchTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private const string Merge = "application/merge-patch+json";
    private const string Json = "application/json-patch+json";
    private const string Strategic = "application/strategic-merge-patch+json";

    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Merge_patch_sets_and_removes_fields()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "m", labels: new JsonObject { ["keep"] = "1", ["drop"] = "1" }));

        var patched = await _api.PatchAsync(Manifests.Widgets(_ns, "m"), """{"metadata":{"labels":{"drop":null,"new":"2"}},"spec":{"color":"red"}}""", Merge);

        patched.Status.ShouldBe(HttpStatusCode.OK, patched.Text);
        patched.Object["metadata"]!["labels"]!.ToJsonString().ShouldBe("""{"keep":"1","new":"2"}""");
        patched.Object["spec"]!["color"]!.GetValue<string>().ShouldBe("red");
        patched.Object["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "j", new JsonObject { ["a"] = "1", ["b"] = "2" }));

        var patched = await _api.PatchAsync(Manifests.ConfigMaps(_ns, "j"), """
            [
              {"op":"test","path":"/data/a","value":"1"},
              {"op":"replace","path":"/data/a","value":"10"},
              {"op":"remove","path":"/data/b"},
              {"op":"add","path":"/data/c~1d","value":"3"},
              {"op":"copy","from":"/data/a","path":"/data/e"},
              {"op":"move","from":"/data/e","path":"/data/f"}
            ]
            """, Json);

        patched.Status.ShouldBe(HttpStatusCode.OK, patched.Text);
        patched.Object["data"]!.ToJsonString().ShouldBe("""{"a":"10","c/d":"3","f":"10"}""");
    }

    [Fact]
    public async Task Json_patch_that_does_not_apply_is_unprocessable_and_changes_nothing()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "jt"));

        (await _api.PatchAsync(Manifests.ConfigMaps(_ns, "jt"), """[{"op":"test","path":"/data/a","value":"2"},{"op":"remove","path":"/data/a"}]""", Json))
            .ShouldBeStatus(422, "Invalid");
        (await _api.PatchAsync(Manifests.ConfigMaps(_ns, "jt"), """[{"op":"remove","path":"/data/missing"}]""", Json)).ShouldBeStatus(422, "Invalid");
        (await _api.PatchAsync(Manifests.ConfigMaps(_ns, "jt"), """[{"op":"explode","path":"/data"}]""", Json)).ShouldBeStatus(400, "BadRequest");
        (await _api.PatchAsync(Manifests.ConfigMaps(_ns, "jt"), """{"op":"remove"}""", Json)).ShouldBeStatus(400, "BadRequest");

        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "jt"))).Object["data"]!["a"]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_env_and_ports_by_key()
    {
        await _api.PostAsync(Manifests.Deployments(_ns), Manifests.Deployment(_ns, "smp"));

        var patched = await _api.PatchAsync(Manifests.Deployments(_ns, "smp"), """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"web","image":"nginx:1.26","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}],"ports":[{"containerPort":80,"name":"http"}]}
            ]}}}}
            """, Strategic);

        patched.Status.ShouldBe(HttpStatusCode.OK, patched.Text);
        var containers = patched.Object["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["web", "sidecar"]);
        var web = containers[0]!;
        web["image"]!.GetValue<string>().ShouldBe("nginx:1.26");
        web["env"]!.ToJsonString().ShouldBe("""[{"name":"A","value":"1"},{"name":"B","value":"20"},{"name":"C","value":"3"}]""");
        web["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<int>()).ShouldBe([80, 443]);
        web["ports"]![0]!["name"]!.GetValue<string>().ShouldBe("http");
        web["volumeMounts"]![0]!["mountPath"]!.GetValue<string>().ShouldBe("/data");
    }

    [Fact]
    public async Task Strategic_merge_patch_honours_delete_replace_and_order_directives()
    {
        await _api.PostAsync(Manifests.Deployments(_ns), Manifests.Deployment(_ns, "dir"));

        var patched = await _api.PatchAsync(Manifests.Deployments(_ns, "dir"), """
            {"spec":{
              "strategy":{"$retainKeys":["type"],"type":"Recreate"},
              "template":{"spec":{
                "$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}],
                "containers":[{"name":"web","env":[{"name":"A","$patch":"delete"}]}],
                "volumes":[{"$patch":"replace"},{"name":"cache","emptyDir":{}}],
                "tolerations":[{"key":"c","operator":"Exists"}]
              }}
            }}
            """, Strategic);

        patched.Status.ShouldBe(HttpStatusCode.OK, patched.Text);
        var spec = patched.Object["spec"]!;
        spec["strategy"]!.ToJsonString().ShouldBe("""{"type":"Recreate"}""");
        var pod = spec["template"]!["spec"]!;
        pod["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["sidecar", "web"]);
        pod["containers"]![1]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ShouldBe(["B"]);
        pod["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ShouldBe(["cache"]);
        // Tolerations carry no merge strategy upstream: the patch's list replaces the whole list.
        pod["tolerations"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()).ShouldBe(["c"]);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_service_ports_by_port_and_finalizers_as_a_set()
    {
        var service = JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc","namespace":"{{{_ns}}}","finalizers":["a/one"]},
             "spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}
            """)!;
        (await _api.PostAsync($"/api/v1/namespaces/{_ns}/services", service)).Status.ShouldBe(HttpStatusCode.Created);

        var patched = await _api.PatchAsync($"/api/v1/namespaces/{_ns}/services/svc", """
            {"metadata":{"finalizers":["a/two"]},"spec":{"ports":[{"port":80,"targetPort":9090}]}}
            """, Strategic);

        patched.Status.ShouldBe(HttpStatusCode.OK, patched.Text);
        patched.Object["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["a/one", "a/two"]);
        var ports = patched.Object["spec"]!["ports"]!.AsArray();
        ports.Select(p => p!["port"]!.GetValue<int>()).ShouldBe([80, 443]);
        ports[0]!["targetPort"]!.GetValue<int>().ShouldBe(9090);

        var removed = await _api.PatchAsync($"/api/v1/namespaces/{_ns}/services/svc", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a/one","a/two"]}}""", Strategic);
        removed.Object["metadata"]!["finalizers"].ShouldBeNull();
        (await _api.DeleteAsync($"/api/v1/namespaces/{_ns}/services/svc")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Strategic_merge_patch_with_an_element_missing_its_merge_key_is_a_bad_request()
    {
        await _api.PostAsync(Manifests.Deployments(_ns), Manifests.Deployment(_ns, "nokey"));

        (await _api.PatchAsync(Manifests.Deployments(_ns, "nokey"), """{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", Strategic))
            .ShouldBeStatus(400, "BadRequest");
    }

    [Fact]
    public async Task Strategic_merge_patch_of_a_custom_resource_is_refused_as_the_api_server_does()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "cr"));

        var status = (await _api.PatchAsync(Manifests.Widgets(_ns, "cr"), """{"spec":{"color":"red"}}""", Strategic)).ShouldBeStatus(415, "UnsupportedMediaType");

        status["message"]!.GetValue<string>().ShouldBe(
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json");
    }

    [Fact]
    public async Task Unknown_patch_types_are_unsupported()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "pt"));

        (await _api.PatchAsync(Manifests.ConfigMaps(_ns, "pt"), "{}", "application/json")).ShouldBeStatus(415, "UnsupportedMediaType");
        (await _api.PatchAsync(Manifests.ConfigMaps(_ns, "pt"), "{}", "application/apply-patch+yaml")).ShouldBeStatus(415, "UnsupportedMediaType");
    }

    [Fact]
    public async Task Patch_of_a_missing_object_is_not_found()
    {
        (await _api.PatchAsync(Manifests.Widgets(_ns, "ghost"), "{}", Merge)).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Patch_naming_a_stale_resource_version_conflicts()
    {
        var created = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "rv"))).Object;
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        await _api.PatchAsync(Manifests.Widgets(_ns, "rv"), """{"spec":{"size":2}}""", Merge);

        (await _api.PatchAsync(Manifests.Widgets(_ns, "rv"), $$$"""{"metadata":{"resourceVersion":"{{{version}}}"},"spec":{"size":3}}""", Merge))
            .ShouldBeStatus(409, "Conflict");
    }

    [Fact]
    public async Task Concurrent_patches_without_a_version_all_land()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "race", new JsonObject()));

        var patches = Enumerable.Range(0, 20).Select(i =>
            _api.PatchAsync(Manifests.ConfigMaps(_ns, "race"), $$$"""{"data":{"k{{{i}}}":"{{{i}}}"}}""", Merge));
        var results = await Task.WhenAll(patches);

        results.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Text).ShouldBeEmpty();
        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "race"))).Object["data"]!.AsObject().Count.ShouldBe(20);
    }

    [Fact]
    public async Task Status_patch_changes_status_only()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "sp"));

        var patched = await _api.PatchAsync(Manifests.Widgets(_ns, "sp") + "/status", """{"spec":{"color":"red"},"status":{"count":3}}""", Merge);

        patched.Status.ShouldBe(HttpStatusCode.OK, patched.Text);
        patched.Object["status"]!["count"]!.GetValue<int>().ShouldBe(3);
        patched.Object["spec"]!["color"]!.GetValue<string>().ShouldBe("blue");
    }

    [Fact]
    public async Task Patch_may_not_rename_the_object()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "named"));

        (await _api.PatchAsync(Manifests.Widgets(_ns, "named"), """{"metadata":{"name":"other"}}""", Merge)).ShouldBeStatus(400, "BadRequest");
    }
}
