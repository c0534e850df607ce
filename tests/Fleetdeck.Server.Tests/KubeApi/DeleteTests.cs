using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class DeleteTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Deleting_a_built_in_answers_a_success_status()
    {
        var uid = (await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "gone"))).Object["metadata"]!["uid"]!.GetValue<string>();

        var deleted = await _api.DeleteAsync(Manifests.ConfigMaps(_ns, "gone"));

        deleted.Status.ShouldBe(HttpStatusCode.OK);
        var status = deleted.Object;
        status["kind"]!.GetValue<string>().ShouldBe("Status");
        status["status"]!.GetValue<string>().ShouldBe("Success");
        status["details"]!["name"]!.GetValue<string>().ShouldBe("gone");
        status["details"]!["kind"]!.GetValue<string>().ShouldBe("configmaps");
        status["details"]!["uid"]!.GetValue<string>().ShouldBe(uid);
        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "gone"))).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Deleting_a_custom_resource_answers_the_object()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "cr"));

        var deleted = await _api.DeleteAsync(Manifests.Widgets(_ns, "cr"));

        deleted.Status.ShouldBe(HttpStatusCode.OK);
        deleted.Object["kind"]!.GetValue<string>().ShouldBe("Widget");
        deleted.Object["metadata"]!["name"]!.GetValue<string>().ShouldBe("cr");
    }

    [Fact]
    public async Task Finalizers_hold_the_object_with_a_deletion_timestamp()
    {
        var body = Manifests.Widget(_ns, "held");
        body["metadata"]!["finalizers"] = new JsonArray("test.fleetdeck.dev/hold");
        await _api.PostAsync(Manifests.Widgets(_ns), body);

        var deleted = await _api.DeleteAsync(Manifests.Widgets(_ns, "held"));

        deleted.Status.ShouldBe(HttpStatusCode.OK);
        deleted.Object["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        var still = await _api.GetAsync(Manifests.Widgets(_ns, "held"));
        still.Status.ShouldBe(HttpStatusCode.OK);

        (await _api.PatchAsync(Manifests.Widgets(_ns, "held"), """{"metadata":{"finalizers":null}}""", "application/merge-patch+json")).Status.ShouldBe(HttpStatusCode.OK);
        (await _api.GetAsync(Manifests.Widgets(_ns, "held"))).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Preconditions_in_the_body_must_match()
    {
        var created = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "pre"))).Object;
        var uid = created["metadata"]!["uid"]!.GetValue<string>();
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        (await _api.DeleteAsync(Manifests.Widgets(_ns, "pre"), new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["preconditions"] = new JsonObject { ["uid"] = "other" } }))
            .ShouldBeStatus(409, "Conflict")["message"]!.GetValue<string>().ShouldContain("Precondition failed: UID in precondition: other");
        (await _api.DeleteAsync(Manifests.Widgets(_ns, "pre"), new JsonObject { ["preconditions"] = new JsonObject { ["resourceVersion"] = "1" } }))
            .ShouldBeStatus(409, "Conflict");

        var deleted = await _api.DeleteAsync(Manifests.Widgets(_ns, "pre"), new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = uid, ["resourceVersion"] = version } });
        deleted.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Background_propagation_deletes_dependents_and_orphan_keeps_them()
    {
        var ownerUid = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "owner"))).Object["metadata"]!["uid"]!.GetValue<string>();
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Owned(Manifests.ConfigMap(_ns, "owned"), "owner", ownerUid));
        await _api.DeleteAsync(Manifests.Widgets(_ns, "owner"));
        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "owned"))).ShouldBeStatus(404, "NotFound");

        var keeperUid = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "keeper"))).Object["metadata"]!["uid"]!.GetValue<string>();
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Owned(Manifests.ConfigMap(_ns, "kept"), "keeper", keeperUid));
        (await _api.DeleteAsync(Manifests.Widgets(_ns, "keeper") + "?propagationPolicy=Orphan")).Status.ShouldBe(HttpStatusCode.OK);
        var kept = await _api.GetAsync(Manifests.ConfigMaps(_ns, "kept"));
        kept.Status.ShouldBe(HttpStatusCode.OK);
        kept.Object["metadata"]!["ownerReferences"].ShouldBeNull();
    }

    [Fact]
    public async Task Foreground_propagation_from_the_body_removes_dependents_first()
    {
        var ownerUid = (await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "fg"))).Object["metadata"]!["uid"]!.GetValue<string>();
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Owned(Manifests.ConfigMap(_ns, "fg-owned"), "fg", ownerUid));

        var deleted = await _api.DeleteAsync(Manifests.Widgets(_ns, "fg"), new JsonObject { ["propagationPolicy"] = "Foreground" });

        deleted.Status.ShouldBe(HttpStatusCode.OK, deleted.Text);
        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "fg-owned"))).ShouldBeStatus(404, "NotFound");
        (await _api.GetAsync(Manifests.Widgets(_ns, "fg"))).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Unknown_propagation_policies_are_invalid()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "pp"));

        var status = (await _api.DeleteAsync(Manifests.Widgets(_ns, "pp") + "?propagationPolicy=Sideways")).ShouldBeStatus(422, "Invalid");

        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().ShouldBe("propagationPolicy");
        status["details"]!["kind"]!.GetValue<string>().ShouldBe("DeleteOptions");
    }

    [Fact]
    public async Task Delete_of_a_missing_object_is_not_found()
    {
        (await _api.DeleteAsync(Manifests.Widgets(_ns, "never"))).ShouldBeStatus(404, "NotFound");
    }

    [Fact]
    public async Task Dry_run_delete_leaves_the_object()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "dry"));

        (await _api.DeleteAsync(Manifests.Widgets(_ns, "dry") + "?dryRun=All")).Status.ShouldBe(HttpStatusCode.OK);
        (await _api.DeleteAsync(Manifests.Widgets(_ns, "dry"), new JsonObject { ["dryRun"] = new JsonArray("All") })).Status.ShouldBe(HttpStatusCode.OK);

        (await _api.GetAsync(Manifests.Widgets(_ns, "dry"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_collection_removes_what_the_selector_matches()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "x1", labels: new JsonObject { ["batch"] = "x" }));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "x2", labels: new JsonObject { ["batch"] = "x" }));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "y1", labels: new JsonObject { ["batch"] = "y" }));

        var deleted = await _api.DeleteAsync(Manifests.Widgets(_ns) + "?labelSelector=batch%3Dx");

        deleted.Status.ShouldBe(HttpStatusCode.OK);
        deleted.Object["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["x1", "x2"]);
        (await _api.GetAsync(Manifests.Widgets(_ns))).Object["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["y1"]);
    }

    private static JsonObject Owned(JsonObject obj, string owner, string uid)
    {
        obj["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "test.fleetdeck.dev/v1",
            ["kind"] = "Widget",
            ["name"] = owner,
            ["uid"] = uid,
        });
        return obj;
    }
}
