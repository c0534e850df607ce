using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class CrudTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Create_answers_201_with_server_set_metadata_and_get_reads_it_back()
    {
        var created = await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "a", "red"));

        created.Status.ShouldBe(HttpStatusCode.Created);
        var meta = created.Object["metadata"]!;
        meta["uid"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        meta["generation"]!.GetValue<long>().ShouldBe(1);
        meta["creationTimestamp"]!.GetValue<string>().ShouldEndWith("Z");
        var version = meta["resourceVersion"]!.GetValue<string>();

        var read = await _api.GetAsync(Manifests.Widgets(_ns, "a"));
        read.Status.ShouldBe(HttpStatusCode.OK);
        read.Object["apiVersion"]!.GetValue<string>().ShouldBe("test.fleetdeck.dev/v1");
        read.Object["kind"]!.GetValue<string>().ShouldBe("Widget");
        read.Object["spec"]!["color"]!.GetValue<string>().ShouldBe("red");
        read.Object["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(version);
    }

    [Fact]
    public async Task Create_fills_apiVersion_kind_and_namespace_from_the_url()
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "bare" }, ["data"] = new JsonObject { ["k"] = "v" } };

        var created = await _api.PostAsync(Manifests.ConfigMaps(_ns), body);

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Object["kind"]!.GetValue<string>().ShouldBe("ConfigMap");
        created.Object["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(_ns);
    }

    [Fact]
    public async Task Create_accepts_yaml_and_answers_yaml_when_asked()
    {
        var yaml = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: from-yaml
              namespace: {_ns}
            data:
              answer: "42"
            """;

        var created = await _api.PostAsync(Manifests.ConfigMaps(_ns), yaml, "application/yaml");
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);

        var read = await _api.GetAsync(Manifests.ConfigMaps(_ns, "from-yaml"), accept: "application/yaml");
        read.ContentType.ShouldBe("application/yaml");
        read.Text.ShouldContain("answer: \"42\"");
        read.Text.ShouldContain("kind: ConfigMap");
    }

    [Fact]
    public async Task Update_with_the_current_version_succeeds_and_a_stale_one_conflicts()
    {
        var created = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "u"))).Object;
        var stale = (JsonObject)created.DeepClone();

        created["spec"]!["color"] = "green";
        var updated = await _api.PutAsync(Manifests.Widgets(_ns, "u"), created);
        updated.Status.ShouldBe(HttpStatusCode.OK);
        updated.Object["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);

        stale["spec"]!["color"] = "black";
        var conflict = (await _api.PutAsync(Manifests.Widgets(_ns, "u"), stale)).ShouldBeStatus(409, "Conflict");
        conflict["message"]!.GetValue<string>().ShouldContain("the object has been modified");
        conflict["details"]!["name"]!.GetValue<string>().ShouldBe("u");
        conflict["details"]!["group"]!.GetValue<string>().ShouldBe("test.fleetdeck.dev");
        conflict["details"]!["kind"]!.GetValue<string>().ShouldBe("widgets");
    }

    [Fact]
    public async Task Update_without_a_version_is_unconditional()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "plain"));

        var replaced = await _api.PutAsync(Manifests.ConfigMaps(_ns, "plain"), Manifests.ConfigMap(_ns, "plain", new JsonObject { ["b"] = "2" }));

        replaced.Status.ShouldBe(HttpStatusCode.OK);
        replaced.Object["data"]!.ToJsonString().ShouldBe("""{"b":"2"}""");
    }

    [Fact]
    public async Task Status_is_written_only_through_the_status_subresource()
    {
        var created = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "s"))).Object;

        created["status"] = new JsonObject { ["phase"] = "Running" };
        created["spec"]!["color"] = "ignored-by-status";
        var status = await _api.PutAsync(Manifests.Widgets(_ns, "s") + "/status", created);
        status.Status.ShouldBe(HttpStatusCode.OK);
        status.Object["status"]!["phase"]!.GetValue<string>().ShouldBe("Running");
        status.Object["spec"]!["color"]!.GetValue<string>().ShouldBe("blue");
        status.Object["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);

        var normal = status.Object;
        normal["status"] = new JsonObject { ["phase"] = "ignored-by-update" };
        var updated = await _api.PutAsync(Manifests.Widgets(_ns, "s"), normal);
        updated.Object["status"]!["phase"]!.GetValue<string>().ShouldBe("Running");

        (await _api.GetAsync(Manifests.Widgets(_ns, "s") + "/status")).Object["status"]!["phase"]!.GetValue<string>().ShouldBe("Running");
    }

    [Fact]
    public async Task Kinds_without_a_status_subresource_have_no_status_url()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "nostatus"));

        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "nostatus") + "/status")).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Lists_span_all_namespaces_on_the_cluster_wide_url()
    {
        var other = KubeApiFixture.NewNamespace();
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "here"));
        await _api.PostAsync(Manifests.Widgets(other), Manifests.Widget(other, "there"));

        var list = (await _api.GetAsync("/apis/test.fleetdeck.dev/v1/widgets")).Object;

        list["kind"]!.GetValue<string>().ShouldBe("WidgetList");
        list["apiVersion"]!.GetValue<string>().ShouldBe("test.fleetdeck.dev/v1");
        list["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var keys = list["items"]!.AsArray().Select(i => $"{i!["metadata"]!["namespace"]}/{i["metadata"]!["name"]}").ToList();
        keys.ShouldContain($"{_ns}/here");
        keys.ShouldContain($"{other}/there");
        var mine = (await _api.GetAsync(Manifests.Widgets(_ns))).Object["items"]!.AsArray();
        mine.Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["here"]);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_live_outside_namespaces()
    {
        var name = KubeApiFixture.NewNamespace("ns");
        var created = await _api.PostAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);

        (await _api.GetAsync($"/api/v1/namespaces/{name}")).Object["metadata"]!["name"]!.GetValue<string>().ShouldBe(name);
        (await _api.GetAsync("/api/v1/namespaces")).Object["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldContain(name);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_a_not_found_status_naming_it()
    {
        var status = (await _api.GetAsync(Manifests.ConfigMaps(_ns, "missing"))).ShouldBeStatus(404, "NotFound");

        status["message"]!.GetValue<string>().ShouldBe("configmaps \"missing\" not found");
        status["details"]!["name"]!.GetValue<string>().ShouldBe("missing");
        status["details"]!["kind"]!.GetValue<string>().ShouldBe("configmaps");
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_already_exists()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "twice"));

        var status = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "twice"))).ShouldBeStatus(409, "AlreadyExists");

        status["message"]!.GetValue<string>().ShouldBe("widgets.test.fleetdeck.dev \"twice\" already exists");
        status["details"]!["name"]!.GetValue<string>().ShouldBe("twice");
    }

    [Fact]
    public async Task Create_with_an_invalid_name_is_invalid_with_the_field_as_cause()
    {
        var status = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "Not_Valid"))).ShouldBeStatus(422, "Invalid");

        status["details"]!["kind"]!.GetValue<string>().ShouldBe("Widget");
        status["details"]!["group"]!.GetValue<string>().ShouldBe("test.fleetdeck.dev");
        status["details"]!["name"]!.GetValue<string>().ShouldBe("Not_Valid");
        var cause = status["details"]!["causes"]![0]!;
        cause["field"]!.GetValue<string>().ShouldBe("metadata.name");
        cause["reason"]!.GetValue<string>().ShouldBe("FieldValueInvalid");
        status["message"]!.GetValue<string>().ShouldStartWith("Widget.test.fleetdeck.dev \"Not_Valid\" is invalid: metadata.name");
    }

    [Fact]
    public async Task Generate_name_picks_a_name()
    {
        var body = Manifests.Widget(_ns, "x");
        body["metadata"] = new JsonObject { ["generateName"] = "gen-" };

        var created = await _api.PostAsync(Manifests.Widgets(_ns), body);

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Object["metadata"]!["name"]!.GetValue<string>().ShouldStartWith("gen-");
    }
}
