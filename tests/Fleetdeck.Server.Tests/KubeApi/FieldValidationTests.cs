using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class FieldValidationTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Unknown_fields_are_warnings_by_default()
    {
        var body = Manifests.Widget(_ns, "warn");
        body["spec"]!["shape"] = "round";
        body["extra"] = new JsonObject { ["x"] = 1 };

        var created = await _api.PostAsync(Manifests.Widgets(_ns), body);

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Warnings.ShouldBe(["299 - \"unknown field \\\"spec.shape\\\"\"", "299 - \"unknown field \\\"extra\\\"\""], ignoreOrder: true);
        created.Object["spec"]!["shape"].ShouldBeNull();
    }

    [Fact]
    public async Task Strict_validation_refuses_unknown_fields()
    {
        var body = Manifests.Widget(_ns, "strict");
        body["spec"]!["shape"] = "round";

        var status = (await _api.PostAsync(Manifests.Widgets(_ns) + "?fieldValidation=Strict", body)).ShouldBeStatus(400, "BadRequest");

        status["message"]!.GetValue<string>().ShouldBe("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.shape\"");
        (await _api.GetAsync(Manifests.Widgets(_ns, "strict"))).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Ignore_drops_unknown_fields_silently()
    {
        var body = Manifests.Widget(_ns, "ignore");
        body["spec"]!["shape"] = "round";

        var created = await _api.PostAsync(Manifests.Widgets(_ns) + "?fieldValidation=Ignore", body);

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Patches_are_validated_too()
    {
        await _api.PostAsync(Manifests.Deployments(_ns), Manifests.Deployment(_ns, "pv"));

        var warned = await _api.PatchAsync(Manifests.Deployments(_ns, "pv"), """{"spec":{"template":{"spec":{"containers":[{"name":"web","imagePolicy":"x"}]}}}}""", "application/strategic-merge-patch+json");
        warned.Status.ShouldBe(HttpStatusCode.OK);
        warned.Warnings.ShouldBe(["299 - \"unknown field \\\"spec.template.spec.containers[0].imagePolicy\\\"\""]);

        (await _api.PatchAsync(Manifests.Deployments(_ns, "pv") + "?fieldValidation=Strict", """{"spec":{"paused2":true}}""", "application/merge-patch+json"))
            .ShouldBeStatus(400, "BadRequest");
    }

    [Fact]
    public async Task Dry_run_create_validates_and_answers_without_writing()
    {
        var created = await _api.PostAsync(Manifests.Widgets(_ns) + "?dryRun=All", Manifests.Widget(_ns, "dry"));

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Object["metadata"]!["uid"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        created.Object["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        (await _api.GetAsync(Manifests.Widgets(_ns, "dry"))).ShouldBeStatus(404, "NotFound");

        (await _api.PostAsync(Manifests.Widgets(_ns) + "?dryRun=All", Manifests.Widget(_ns, "Bad_Name"))).ShouldBeStatus(422, "Invalid");
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "exists"));
        (await _api.PostAsync(Manifests.Widgets(_ns) + "?dryRun=All", Manifests.Widget(_ns, "exists"))).ShouldBeStatus(409, "AlreadyExists");
    }

    [Fact]
    public async Task Dry_run_updates_and_patches_answer_the_result_without_writing()
    {
        var created = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "dryup"))).Object;
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        var patched = await _api.PatchAsync(Manifests.Widgets(_ns, "dryup") + "?dryRun=All", """{"spec":{"color":"red"}}""", "application/merge-patch+json");
        patched.Status.ShouldBe(HttpStatusCode.OK);
        patched.Object["spec"]!["color"]!.GetValue<string>().ShouldBe("red");
        patched.Object["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);

        created["spec"]!["color"] = "green";
        (await _api.PutAsync(Manifests.Widgets(_ns, "dryup") + "?dryRun=All", created)).Object["spec"]!["color"]!.GetValue<string>().ShouldBe("green");
        var stale = (JsonObject)created.DeepClone();
        stale["metadata"]!["resourceVersion"] = "1";
        (await _api.PutAsync(Manifests.Widgets(_ns, "dryup") + "?dryRun=All", stale)).ShouldBeStatus(409, "Conflict");

        var read = (await _api.GetAsync(Manifests.Widgets(_ns, "dryup"))).Object;
        read["spec"]!["color"]!.GetValue<string>().ShouldBe("blue");
        read["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(version);
    }
}
