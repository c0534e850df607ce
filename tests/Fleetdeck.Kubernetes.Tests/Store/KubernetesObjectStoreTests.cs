using System.Net;
using System.Net.Sockets;
using k8s.Exceptions;
using k8s.Models;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Store;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Server.KubeApi.Faults;
using Fleetdeck.Testing.Conformance;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.Store;

/// <summary>What one call of the Kubernetes store does with a misbehaving server: retry where that is safe, fail clearly otherwise.</summary>
public sealed class KubernetesObjectStoreTests : IAsyncLifetime
{
    private readonly KubeApiFaults _faults = new();
    private FacadeServer _server = null!;

    private static KubernetesStoreOptions Fast => new() { RetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 3 };

    public async Task InitializeAsync() => _server = await FacadeServer.StartAsync(new KubeApiServerOptions { Faults = _faults });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Throttled_calls_are_retried_after_the_servers_retry_after_whatever_the_verb()
    {
        var store = _server.Connect(options: Fast);
        _faults.FailNext(2, 429, t => t.Verb == "create");
        var started = TimeProvider.System.GetTimestamp();

        var created = await store.CreateAsync(Widget.Make("default", "throttled"));

        created.Metadata.Uid.ShouldNotBeNull();
        _faults.Served.ShouldBe(2);
        TimeProvider.System.GetElapsedTime(started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "Retry-After: 1, twice");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Reads_are_retried_after_server_errors(int code)
    {
        var store = _server.Connect(options: Fast);
        await _server.Backing.CreateAsync(Widget.Make("default", "r"));
        _faults.FailNext(3, code);

        (await store.GetAsync<Widget>("default", "r")).ShouldNotBeNull();
        _faults.FailNext(3, code);
        (await store.ListAsync<Widget>(ListOptions.InNamespace("default"))).Count.ShouldBe(1);
        _faults.Served.ShouldBe(6);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Writes_are_not_repeated_after_a_server_error_the_caller_sees_it(int code)
    {
        var store = _server.Connect(options: Fast);
        _faults.FailNext(1, code, t => t.IsWrite);

        var error = await Should.ThrowAsync<StoreException>(() => store.CreateAsync(Widget.Make("default", "w")));

        error.Code.ShouldBe(code);
        error.IsTransient.ShouldBeTrue();
        _faults.Served.ShouldBe(1);
    }

    [Fact]
    public async Task A_conflict_is_the_same_conflict_error_as_the_embedded_store()
    {
        var store = _server.Connect(options: Fast);
        var created = await store.CreateAsync(Widget.Make("default", "c"));
        _faults.FailNext(1, 409, t => t.Verb == "update");

        created.Spec.Color = "red";
        var error = await Should.ThrowAsync<ConflictException>(() => store.UpdateAsync(created));

        error.Code.ShouldBe(409);
        _faults.Served.ShouldBe(1);
    }

    [Fact]
    public async Task Retries_end_and_the_last_failure_is_reported()
    {
        var store = _server.Connect(options: Fast);
        _faults.FailNext(10, 503);

        var error = await Should.ThrowAsync<StoreException>(() => store.GetAsync<Widget>("default", "x"));

        error.Code.ShouldBe(503);
        _faults.Served.ShouldBe(4, "one call and three retries");
    }

    [Fact]
    public async Task A_dropped_watch_ends_with_a_transient_error_not_a_half_read_event()
    {
        var store = _server.Connect();
        await using var watch = new WatchCollector(store.WatchAsync(store.Kinds.Get<Widget>(), new WatchOptions { Namespace = "default", AllowBookmarks = true }));
        // An event through the stream proves the response has started: a connection reset before that is a failed
        // request, which the client rightly retries, not a dropped watch.
        await store.CreateAsync(Widget.Make("default", "streaming"));
        await watch.WaitForChangesAsync(1);
        _faults.OpenWatches.ShouldBe(1);

        _faults.DropWatches();

        var error = (await watch.WaitForErrorAsync()).ShouldBeOfType<StoreException>();
        error.Code.ShouldBe(503);
        error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task An_expired_watch_is_the_same_expired_error_as_the_embedded_store()
    {
        var store = _server.Connect();
        _faults.ExpireNextWatches(1);

        await using var watch = new WatchCollector(store.WatchAsync(store.Kinds.Get<Widget>(), new WatchOptions { Namespace = "default", ResourceVersion = "1" }));

        (await watch.WaitForErrorAsync()).ShouldBeOfType<ExpiredException>().Code.ShouldBe(410);
    }

    [Fact]
    public async Task Watches_ask_the_server_to_end_them_after_a_randomized_time()
    {
        // A short server-side timeout: the watch ends cleanly (no error), and the informer would simply watch again.
        var store = _server.Connect(options: new KubernetesStoreOptions { MinWatchTimeout = TimeSpan.FromSeconds(1), Jitter = () => 0 });

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var started = TimeProvider.System.GetTimestamp();

        await foreach (var _ in store.WatchAsync(store.Kinds.Get<Widget>(), new WatchOptions { Namespace = "default" }, limit.Token))
        {
        }

        limit.IsCancellationRequested.ShouldBeFalse("the server ended the watch after timeoutSeconds=1, without an error");
        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var dir = new TempDirectory();
        var kubeconfig = dir.File("kubeconfig");
        KubeconfigWriter.Write(kubeconfig, new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"));
        using var connection = KubeConnection.FromKubeconfig(kubeconfig);
        var store = new KubernetesObjectStore(connection, TestKinds.Registry(), new KubernetesStoreOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 });

        var error = await Should.ThrowAsync<StoreException>(() => store.GetAsync<Widget>("default", "x"));

        error.Code.ShouldBe(504);
        error.Message.ShouldContain("did not answer GET /apis/test.fleetdeck.dev/v1/namespaces/default/widgets/x within 0.3 s");
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_unavailable_and_named()
    {
        var port = FreePort();
        using var dir = new TempDirectory();
        var kubeconfig = dir.File("kubeconfig");
        KubeconfigWriter.Write(kubeconfig, new Uri($"http://127.0.0.1:{port}"));
        using var connection = KubeConnection.FromKubeconfig(kubeconfig);
        var store = new KubernetesObjectStore(connection, TestKinds.Registry(), Fast);

        var error = await Should.ThrowAsync<StoreException>(() => store.CreateAsync(Widget.Make("default", "x")));

        error.Code.ShouldBe(503);
        error.Message.ShouldContain($"cannot reach the API server at http://127.0.0.1:{port}/");
        (await Should.ThrowAsync<KubeConfigException>(() => connection.CheckReachableAsync(TimeSpan.FromSeconds(5), default)))
            .Message.ShouldStartWith($"cannot reach the Kubernetes API server at http://127.0.0.1:{port}/ (kubeconfig {kubeconfig}): ");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
