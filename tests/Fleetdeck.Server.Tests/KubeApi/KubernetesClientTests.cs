using System.Net;
using System.Text.Json;
using Fleetdeck.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>The KubernetesClient package against the façade: what a Kubernetes-backed store will do.</summary>
public sealed class KubernetesClientTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>, IDisposable
{
    private readonly Kubernetes _client = Client(fixture);
    private readonly string _ns = KubeApiFixture.NewNamespace("kc");

    [Fact]
    public async Task Typed_watch_sees_create_patch_and_delete()
    {
        var events = new List<(WatchEventType Type, V1ConfigMap Object)>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var (type, item) in _client.CoreV1.WatchListNamespacedConfigMapAsync(_ns, allowWatchBookmarks: true, cancellationToken: stop.Token))
                    lock (events) events.Add((type, item));
            }
            catch (OperationCanceledException)
            {
                // stopped below
            }
        });
        await Task.Delay(300); // let the watch open before the first write

        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, _ns);
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "w", _ns);
        patched.Data["a"].ShouldBe("2");
        var status = await _client.CoreV1.DeleteNamespacedConfigMapAsync("w", _ns, new V1DeleteOptions { PropagationPolicy = "Background" });
        status.Status.ShouldBe("Success");

        await Eventually.HoldsAsync(() => Task.FromResult(Changes().Count >= 3), TimeSpan.FromSeconds(10), "three events");
        Changes().Select(e => e.Type).ShouldBe([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted]);
        await stop.CancelAsync();
        await reader;

        List<(WatchEventType Type, V1ConfigMap Object)> Changes()
        {
            lock (events) return [.. events.Where(e => e.Type != WatchEventType.Bookmark)];
        }
    }

    [Fact]
    public async Task Custom_objects_and_their_status_round_trip()
    {
        var body = Manifests.Widget(_ns, "cw", "red");
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "test.fleetdeck.dev", "v1", _ns, "widgets");

        await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch), "test.fleetdeck.dev", "v1", _ns, "widgets", "cw");
        var read = (JsonElement)await _client.CustomObjects.GetNamespacedCustomObjectAsync("test.fleetdeck.dev", "v1", _ns, "widgets", "cw");

        read.GetProperty("status").GetProperty("phase").GetString().ShouldBe("Running");
        read.GetProperty("spec").GetProperty("color").GetString().ShouldBe("red");
    }

    [Fact]
    public async Task Conflicts_surface_as_409_with_a_status_body()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, _ns);
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", ResourceVersion = created.Metadata.ResourceVersion }, Data = new Dictionary<string, string> { ["x"] = "1" } }, "c", _ns);

        var stale = await Should.ThrowAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", _ns));

        stale.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var status = JsonSerializer.Deserialize<V1Status>(stale.Response.Content)!;
        status.Reason.ShouldBe("Conflict");
        status.Code.ShouldBe(409);
    }

    public void Dispose() => _client.Dispose();

    private static Kubernetes Client(KubeApiFixture fixture)
    {
        var path = Path.Combine(fixture.Directory, $"client-{Guid.NewGuid():N}.kubeconfig");
        Fleetdeck.Server.KubeApi.KubeconfigWriter.Write(path, fixture.Server);
        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }
}
