using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>Every failure is a Kubernetes Status with the code the API server would use; bad input never gets a 500.</summary>
public sealed class ErrorTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Malformed_json_is_a_bad_request()
    {
        var status = (await _api.PostAsync(Manifests.Widgets(_ns), "{\"metadata\": {")).ShouldBeStatus(400, "BadRequest");

        status["message"]!.GetValue<string>().ShouldStartWith("couldn't get version/kind; json parse error");
    }

    [Fact]
    public async Task Malformed_yaml_is_a_bad_request()
    {
        (await _api.PostAsync(Manifests.Widgets(_ns), "metadata: [unclosed", "application/yaml")).ShouldBeStatus(400, "BadRequest");
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{\"metadata\": \"not an object\"}")]
    [InlineData("{\"apiVersion\": 7}")]
    [InlineData("{\"metadata\": {\"name\": \"x\"}, \"spec\": {\"size\": \"not a number\"}}")]
    [InlineData("{\"metadata\": {\"name\": \"x\", \"name\": \"y\"}}")]
    public async Task Bodies_of_the_wrong_shape_are_bad_requests(string body)
    {
        (await _api.PostAsync(Manifests.Widgets(_ns), body)).ShouldBeStatus(400, "BadRequest");
    }

    [Fact]
    public async Task An_api_version_that_differs_from_the_url_is_a_bad_request()
    {
        var body = Manifests.Widget(_ns, "w");
        body["apiVersion"] = "test.fleetdeck.dev/v2";

        var status = (await _api.PostAsync(Manifests.Widgets(_ns), body)).ShouldBeStatus(400, "BadRequest");

        status["message"]!.GetValue<string>().ShouldBe("the API version in the data (test.fleetdeck.dev/v2) does not match the expected API version (test.fleetdeck.dev/v1)");
    }

    [Fact]
    public async Task A_kind_that_differs_from_the_url_is_a_bad_request()
    {
        (await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.Widget(_ns, "w").Also(b => b["apiVersion"] = "v1"))).ShouldBeStatus(400, "BadRequest");
    }

    [Fact]
    public async Task A_namespace_that_differs_from_the_url_is_a_bad_request()
    {
        var status = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget("elsewhere", "w"))).ShouldBeStatus(400, "BadRequest");

        status["message"]!.GetValue<string>().ShouldBe("the namespace of the provided object does not match the namespace sent on the request");
    }

    [Fact]
    public async Task A_name_that_differs_from_the_url_on_update_is_a_bad_request()
    {
        var status = (await _api.PutAsync(Manifests.Widgets(_ns, "one"), Manifests.Widget(_ns, "two"))).ShouldBeStatus(400, "BadRequest");

        status["message"]!.GetValue<string>().ShouldBe("the name of the object (two) does not match the name on the URL (one)");
    }

    [Theory]
    [InlineData("/api/v1/namespaces/x/gizmos")]
    [InlineData("/apis/test.fleetdeck.dev/v1/namespaces/x/widgets/a/scale")]
    [InlineData("/apis/test.fleetdeck.dev/v1/widgets/a")]
    [InlineData("/api/v1/namespaces/x/namespaces")]
    [InlineData("/nothing/here")]
    public async Task Unknown_resources_and_paths_are_not_found(string path)
    {
        var status = (await _api.GetAsync(path)).ShouldBeStatus(404, "NotFound");

        status["message"]!.GetValue<string>().ShouldBe("the server could not find the requested resource");
    }

    [Fact]
    public async Task Verbs_a_url_does_not_serve_are_method_not_allowed()
    {
        (await _api.PostAsync(Manifests.Widgets(_ns, "a"), Manifests.Widget(_ns, "a"))).ShouldBeStatus(405, "MethodNotAllowed");
        (await _api.PutAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "a"))).ShouldBeStatus(405, "MethodNotAllowed");
        (await _api.PostAsync("/apis/test.fleetdeck.dev/v1/widgets", Manifests.Widget(_ns, "a"))).ShouldBeStatus(405, "MethodNotAllowed");
        (await _api.SendAsync(HttpMethod.Options, Manifests.Widgets(_ns, "a"))).ShouldBeStatus(405, "MethodNotAllowed");
        (await _api.PostAsync("/api/v1", "{}")).ShouldBeStatus(405, "MethodNotAllowed");
    }

    [Fact]
    public async Task Bodies_in_other_formats_are_unsupported_media_types()
    {
        var status = (await _api.PostAsync(Manifests.Widgets(_ns), "\u0000k8s", "application/vnd.kubernetes.protobuf")).ShouldBeStatus(415, "UnsupportedMediaType");

        status["message"]!.GetValue<string>().ShouldBe("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
    }

    [Fact]
    public async Task Answers_only_in_formats_not_served_are_not_acceptable()
    {
        (await _api.GetAsync(Manifests.Widgets(_ns), accept: "application/vnd.kubernetes.protobuf")).ShouldBeStatus(406, "NotAcceptable");
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_too_large()
    {
        var big = Manifests.ConfigMap(_ns, "big", new JsonObject { ["blob"] = new string('x', 3 * 1024 * 1024) });

        var status = (await _api.PostAsync(Manifests.ConfigMaps(_ns), big)).ShouldBeStatus(413, "RequestEntityTooLarge");

        status["message"]!.GetValue<string>().ShouldBe("Request entity too large: limit is 3145728");
    }

    [Fact]
    public async Task Chunked_bodies_over_the_limit_are_too_large()
    {
        var text = Manifests.ConfigMap(_ns, "big", new JsonObject { ["blob"] = new string('x', 3 * 1024 * 1024) }).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, Manifests.ConfigMaps(_ns))
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await _api.Http.SendAsync(request);

        (await ApiResponse.ReadAsync(response)).ShouldBeStatus(413, "RequestEntityTooLarge");
    }

    [Fact]
    public async Task Invalid_query_parameters_are_bad_requests()
    {
        (await _api.GetAsync(Manifests.Widgets(_ns) + "?labelSelector=a%20in%20(x")).ShouldBeStatus(400, "BadRequest");
        (await _api.GetAsync(Manifests.Widgets(_ns) + "?fieldSelector=spec.color%3Dred")).ShouldBeStatus(400, "BadRequest");
        (await _api.GetAsync(Manifests.Widgets(_ns) + "?limit=lots")).ShouldBeStatus(400, "BadRequest");
        (await _api.GetAsync(Manifests.Widgets(_ns) + "?continue=garbage")).ShouldBeStatus(400, "BadRequest");
        (await _api.GetAsync(Manifests.Widgets(_ns) + "?watch=true&resourceVersion=abc")).ShouldBeStatus(400, "BadRequest");
        (await _api.GetAsync(Manifests.Widgets(_ns) + "?watch=maybe")).ShouldBeStatus(400, "BadRequest");
        (await _api.PostAsync(Manifests.Widgets(_ns) + "?dryRun=Some", Manifests.Widget(_ns, "d"))).ShouldBeStatus(400, "BadRequest");
        (await _api.PostAsync(Manifests.Widgets(_ns) + "?fieldValidation=Loose", Manifests.Widget(_ns, "d"))).ShouldBeStatus(400, "BadRequest");
    }

    [Fact]
    public async Task Watch_list_requests_are_refused_as_on_a_server_without_the_feature()
    {
        var status = (await _api.GetAsync(Manifests.Widgets(_ns) + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan")).ShouldBeStatus(422, "Invalid");

        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().ShouldBe("sendInitialEvents");
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject obj, Action<JsonObject> change)
    {
        change(obj);
        return obj;
    }
}
