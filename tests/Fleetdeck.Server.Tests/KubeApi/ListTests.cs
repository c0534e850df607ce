using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class ListTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Label_selectors_filter_lists()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "a", labels: new JsonObject { ["tier"] = "gold", ["app"] = "x" }));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "b", labels: new JsonObject { ["tier"] = "silver" }));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "c"));

        (await Names("?labelSelector=tier%3Dgold")).ShouldBe(["a"]);
        (await Names("?labelSelector=tier%20in%20(gold,silver)")).ShouldBe(["a", "b"]);
        (await Names("?labelSelector=!tier")).ShouldBe(["c"]);
        (await Names("?labelSelector=tier!%3Dgold")).ShouldBe(["b", "c"]);
        (await Names("?labelSelector=tier,app%3Dx")).ShouldBe(["a"]);
    }

    [Fact]
    public async Task Field_selectors_filter_by_name()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "f1"));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "f2"));

        (await Names("?fieldSelector=metadata.name%3Df2")).ShouldBe(["f2"]);
        (await Names("?fieldSelector=metadata.name!%3Df2")).ShouldBe(["f1"]);
        var all = (await _api.GetAsync($"/apis/test.fleetdeck.dev/v1/widgets?fieldSelector=metadata.namespace%3D{_ns}")).Object["items"]!.AsArray();
        all.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Pages_return_every_item_once_then_no_continue_token()
    {
        for (var i = 0; i < 7; i++)
            await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, $"p{i}"));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = (await _api.GetAsync(Manifests.ConfigMaps(_ns) + "?limit=3" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token)))).Object;
            var items = page["items"]!.AsArray();
            items.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(items.Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            token = page["metadata"]!["continue"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Range(0, 7).Select(i => $"p{i}").ToList());
    }

    private async Task<List<string>> Names(string query)
    {
        var response = await _api.GetAsync(Manifests.Widgets(_ns) + query);
        response.Status.ShouldBe(HttpStatusCode.OK, response.Text);
        return [.. response.Object["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];
    }
}
