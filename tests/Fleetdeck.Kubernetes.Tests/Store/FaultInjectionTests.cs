using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Server.KubeApi.Faults;

namespace Fleetdeck.Kubernetes.Tests.Store;

/// <summary>The façade's fault injection does what it says, as seen on the wire.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private readonly KubeApiFaults _faults = new();
    private FacadeServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FacadeServer.StartAsync(new KubeApiServerOptions { Faults = _faults });
        _http = _server.HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(409, "Conflict")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(500, "InternalError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task The_next_n_requests_fail_with_the_status_asked_for(int code, string reason)
    {
        _faults.FailNext(2, code);

        for (var i = 0; i < 2; i++)
        {
            using var failed = await _http.GetAsync("/api/v1/namespaces/default/configmaps");
            ((int)failed.StatusCode).ShouldBe(code);
            var status = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
            status["kind"]!.GetValue<string>().ShouldBe("Status");
            status["reason"]!.GetValue<string>().ShouldBe(reason);
            status["code"]!.GetValue<int>().ShouldBe(code);
            if (code == 429)
            {
                failed.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
                status["details"]!["retryAfterSeconds"]!.GetValue<int>().ShouldBe(1);
            }
        }
        using var ok = await _http.GetAsync("/api/v1/namespaces/default/configmaps");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        _faults.Served.ShouldBe(2);
    }

    [Fact]
    public async Task A_filter_picks_which_requests_fail()
    {
        _faults.FailNext(1, 503, t => t.Verb == "create");

        (await _http.GetAsync("/api/v1/namespaces/default/configmaps")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await _http.PostAsync("/api/v1/namespaces/default/configmaps", Json("""{"metadata":{"name":"c"}}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await _http.PostAsync("/api/v1/namespaces/default/configmaps", Json("""{"metadata":{"name":"c"}}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_stalled_watch_answers_and_then_sends_nothing()
    {
        _faults.StallNextWatches(1);
        await _server.Backing.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "before", NamespaceProperty = "default" } });

        using var response = await _http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1];
        var read = stream.ReadAsync(buffer).AsTask();

        (await Task.WhenAny(read, Task.Delay(1000))).ShouldNotBe(read, "not even the initial ADDED event, nor a bookmark");
        _faults.OpenWatches.ShouldBe(1);
    }

    [Fact]
    public async Task Dropping_watches_resets_their_connections()
    {
        using var response = await _http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(_faults.OpenWatches == 1));

        _faults.DropWatches().ShouldBe(1);

        await Should.ThrowAsync<IOException>(async () =>
        {
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });
        await Eventually.HoldsAsync(() => Task.FromResult(_faults.OpenWatches == 0));
    }

    [Fact]
    public async Task An_expired_watch_ends_with_a_410_error_event()
    {
        _faults.ExpireNextWatches(1);

        var body = await _http.GetStringAsync("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1");

        var e = JsonNode.Parse(body.Trim())!;
        e["type"]!.GetValue<string>().ShouldBe("ERROR");
        e["object"]!["code"]!.GetValue<int>().ShouldBe(410);
        e["object"]!["reason"]!.GetValue<string>().ShouldBe("Expired");
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
