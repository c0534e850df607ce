using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fleetdeck.Testing;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class WatchTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private const string Merge = "application/merge-patch+json";
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Watch_from_a_version_replays_later_events_in_order_then_live_ones()
    {
        var version = Version((await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "a"))).Object);
        await _api.PatchAsync(Manifests.Widgets(_ns, "a"), """{"spec":{"color":"red"}}""", Merge);
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "b"));

        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + $"?watch=true&resourceVersion={version}");
        watch.Status.ShouldBe(HttpStatusCode.OK);
        watch.ContentType.ShouldBe("application/json");
        await watch.WaitForChangesAsync(2);
        await _api.DeleteAsync(Manifests.Widgets(_ns, "a"));
        var events = await watch.WaitForChangesAsync(3);

        events.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}").ShouldBe(["MODIFIED a", "ADDED b", "DELETED a"]);
        events[0]["object"]!["spec"]!["color"]!.GetValue<string>().ShouldBe("red");
        events[0]["object"]!["kind"]!.GetValue<string>().ShouldBe("Widget");
        var versions = events.Select(e => Version((JsonObject)e["object"]!)).ToList();
        versions.ShouldBe(versions.Order().ToList());
        versions[0].ShouldBeGreaterThan(version);
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "existing"));

        await using var watch = await WatchStream.OpenAsync(_api, Manifests.ConfigMaps(_ns) + "?watch=1");
        (await watch.WaitForChangesAsync(1))[0]["type"]!.GetValue<string>().ShouldBe("ADDED");
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "later"));

        var events = await watch.WaitForChangesAsync(2);
        events.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}").ShouldBe(["ADDED existing", "ADDED later"]);
    }

    [Fact]
    public async Task Label_selected_watches_see_only_matching_objects()
    {
        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + "?watch=true&labelSelector=pick%3Dyes");
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "no"));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "yes", labels: new JsonObject { ["pick"] = "yes" }));

        var events = await watch.WaitForChangesAsync(1);
        await Task.Delay(200);
        watch.Changes.Select(e => e["object"]!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["yes"]);
        events[0]["type"]!.GetValue<string>().ShouldBe("ADDED");
    }

    [Fact]
    public async Task Bookmarks_carry_only_the_version_when_allowed()
    {
        var version = Version((await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "bm"))).Object);

        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + $"?watch=true&resourceVersion={version}&allowWatchBookmarks=true");
        await Eventually.HoldsAsync(() => Task.FromResult(watch.Events.Any(e => e["type"]!.GetValue<string>() == "BOOKMARK")), TimeSpan.FromSeconds(10));

        var bookmark = watch.Events.First(e => e["type"]!.GetValue<string>() == "BOOKMARK")["object"]!.AsObject();
        bookmark.Select(p => p.Key).ShouldBe(["kind", "apiVersion", "metadata"]);
        bookmark["kind"]!.GetValue<string>().ShouldBe("Widget");
        Version(bookmark).ShouldBeGreaterThanOrEqualTo(version);
    }

    [Fact]
    public async Task Watches_without_bookmarks_allowed_get_none()
    {
        var version = Version((await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "nb0"))).Object);
        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + $"?watch=true&resourceVersion={version}");
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "nb"));
        await watch.WaitForChangesAsync(1);

        await Task.Delay(700); // several bookmark intervals of the store
        watch.Events.ShouldNotContain(e => e["type"]!.GetValue<string>() == "BOOKMARK");
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_ends_with_an_expired_error_event()
    {
        var first = Version((await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "old"))).Object);
        var last = Version((await _api.PatchAsync(Manifests.Widgets(_ns, "old"), """{"spec":{"size":5}}""", Merge)).Object);
        await fixture.Store.CompactAsync(last);

        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + $"?watch=true&resourceVersion={first}");
        await watch.WaitForEndAsync();

        watch.Status.ShouldBe(HttpStatusCode.OK);
        var error = watch.Events.ShouldHaveSingleItem();
        error["type"]!.GetValue<string>().ShouldBe("ERROR");
        var status = error["object"]!;
        status["kind"]!.GetValue<string>().ShouldBe("Status");
        status["status"]!.GetValue<string>().ShouldBe("Failure");
        status["code"]!.GetValue<int>().ShouldBe(410);
        status["reason"]!.GetValue<string>().ShouldBe("Expired");
        status["message"]!.GetValue<string>().ShouldStartWith($"too old resource version: {first}");
    }

    [Fact]
    public async Task Timeout_seconds_end_the_watch()
    {
        var started = DateTime.UtcNow;

        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + "?watch=true&timeoutSeconds=1");
        await watch.WaitForEndAsync(TimeSpan.FromSeconds(10));

        (DateTime.UtcNow - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Table_watches_send_rows_and_the_columns_only_once()
    {
        await using var watch = await WatchStream.OpenAsync(_api, Manifests.Widgets(_ns) + "?watch=true", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "t1", "teal"));
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "t2", "tan"));

        var events = await watch.WaitForChangesAsync(2);

        watch.ContentType!.Replace(" ", "").ShouldBe("application/json;as=Table;v=v1;g=meta.k8s.io");
        events[0]["object"]!["kind"]!.GetValue<string>().ShouldBe("Table");
        events[0]["object"]!["columnDefinitions"]!.AsArray().Count.ShouldBe(4);
        events[1]["object"]!["columnDefinitions"].ShouldBeNull();
        events[1]["object"]!["rows"]![0]!["cells"]![1]!.GetValue<string>().ShouldBe("tan");
    }

    private static long Version(JsonObject obj) =>
        long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
