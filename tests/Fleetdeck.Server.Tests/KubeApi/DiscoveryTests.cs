using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class DiscoveryTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private readonly ApiClient _api = fixture.Api;

    private const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    [Fact]
    public async Task Api_lists_the_core_version()
    {
        var response = await _api.GetAsync("/api");

        response.Status.ShouldBe(HttpStatusCode.OK);
        var body = response.Object;
        body["kind"]!.GetValue<string>().ShouldBe("APIVersions");
        body["versions"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["v1"]);
        body["serverAddressByClientCIDRs"]![0]!["clientCIDR"]!.GetValue<string>().ShouldBe("0.0.0.0/0");
    }

    [Fact]
    public async Task Core_resource_list_describes_each_resource_and_its_status_subresource()
    {
        var body = (await _api.GetAsync("/api/v1")).Object;

        body["kind"]!.GetValue<string>().ShouldBe("APIResourceList");
        body["groupVersion"]!.GetValue<string>().ShouldBe("v1");
        var resources = body["resources"]!.AsArray().Cast<JsonObject>().ToDictionary(r => r["name"]!.GetValue<string>());
        var configMaps = resources["configmaps"];
        configMaps["singularName"]!.GetValue<string>().ShouldBe("configmap");
        configMaps["namespaced"]!.GetValue<bool>().ShouldBeTrue();
        configMaps["kind"]!.GetValue<string>().ShouldBe("ConfigMap");
        configMaps["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["cm"]);
        configMaps["verbs"]!.AsArray().Select(s => s!.GetValue<string>())
            .ShouldBe(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]);
        resources.ShouldNotContainKey("configmaps/status");
        resources["namespaces"]["namespaced"]!.GetValue<bool>().ShouldBeFalse();
        resources["services/status"]["verbs"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["get", "patch", "update"]);
        resources["services"]["categories"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["all"]);
    }

    [Fact]
    public async Task Group_list_and_group_documents_name_preferred_versions()
    {
        var list = (await _api.GetAsync("/apis")).Object;
        list["kind"]!.GetValue<string>().ShouldBe("APIGroupList");
        var groups = list["groups"]!.AsArray().Cast<JsonObject>().ToDictionary(g => g["name"]!.GetValue<string>());
        groups.Keys.ShouldContain("apps");
        groups.Keys.ShouldContain("test.fleetdeck.dev");
        groups["apps"]["preferredVersion"]!["groupVersion"]!.GetValue<string>().ShouldBe("apps/v1");

        var group = (await _api.GetAsync("/apis/test.fleetdeck.dev")).Object;
        group["kind"]!.GetValue<string>().ShouldBe("APIGroup");
        group["versions"]![0]!["groupVersion"]!.GetValue<string>().ShouldBe("test.fleetdeck.dev/v1");
    }

    [Fact]
    public async Task Custom_group_version_lists_the_test_kind_with_short_names_and_status()
    {
        var body = (await _api.GetAsync("/apis/test.fleetdeck.dev/v1")).Object;

        var resources = body["resources"]!.AsArray().Cast<JsonObject>().ToDictionary(r => r["name"]!.GetValue<string>());
        resources["widgets"]["kind"]!.GetValue<string>().ShouldBe("Widget");
        resources["widgets"]["singularName"]!.GetValue<string>().ShouldBe("widget");
        resources["widgets"]["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["wd"]);
        resources["widgets/status"]["kind"]!.GetValue<string>().ShouldBe("Widget");
    }

    [Fact]
    public async Task Aggregated_discovery_requests_get_the_legacy_documents_as_plain_json()
    {
        var response = await _api.GetAsync("/apis", AggregatedAccept);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.ContentType.ShouldBe("application/json");
        response.Object["kind"]!.GetValue<string>().ShouldBe("APIGroupList");
    }

    [Fact]
    public async Task Version_reports_a_kubernetes_version()
    {
        var body = (await _api.GetAsync("/version")).Object;

        body["major"]!.GetValue<string>().ShouldBe("1");
        body["gitVersion"]!.GetValue<string>().ShouldStartWith("v1.");
    }

    [Fact]
    public async Task Unknown_groups_and_versions_are_not_found()
    {
        (await _api.GetAsync("/apis/nope.example.com")).ShouldBeStatus(404, "NotFound");
        (await _api.GetAsync("/apis/apps/v9")).ShouldBeStatus(404, "NotFound");
        (await _api.GetAsync("/api/v2")).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task OpenApi_v3_describes_patch_operations_with_field_validation_for_each_kind()
    {
        var index = (await _api.GetAsync("/openapi/v3")).Object;
        var url = index["paths"]!["apis/test.fleetdeck.dev/v1"]!["serverRelativeURL"]!.GetValue<string>();
        url.ShouldStartWith("/openapi/v3/apis/test.fleetdeck.dev/v1?hash=");

        var document = (await _api.GetAsync(url)).Object;
        var patch = document["paths"]!["/apis/test.fleetdeck.dev/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]!;
        patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>().ShouldBe("Widget");
        patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("fieldValidation");
        (await _api.GetAsync("/openapi/v3/apis/nope/v1")).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Health_endpoints_answer_ok()
    {
        var response = await _api.GetAsync("/healthz");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Text.ShouldBe("ok");
    }
}
