using System.Net;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Server.KubeApi;
using Fleetdeck.Testing;
using Fleetdeck.Testing.Kinds;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class HostingTests
{
    [Fact]
    public async Task The_kubeconfig_is_private_and_kubernetes_client_works_through_it()
    {
        using var dir = new TempDirectory();
        await using var store = SqliteObjectStore.Open(dir.File("state.db"), TestKinds.Registry());
        await using var server = await KubeApiServer.StartAsync(store, new KubeApiServerOptions { BearerToken = "t0ken", UseHttps = true });
        var path = dir.File("kube/config");
        KubeconfigWriter.Write(path, server, "t0ken", "work");

        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(path).ShouldContain("current-context: fleetdeck");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        config.Namespace.ShouldBe("work");
        using var client = new Kubernetes(config);

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "via-client" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "work");
        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        var listed = await client.CoreV1.ListNamespacedConfigMapAsync("work");
        listed.Items.Select(c => c.Metadata.Name).ShouldBe(["via-client"]);
        var missing = await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("nope", "work"));
        missing.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_api_mounts_on_another_host_beside_its_routes()
    {
        using var dir = new TempDirectory();
        await using var store = SqliteObjectStore.Open(dir.File("state.db"), TestKinds.Registry());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/hello", () => "world");
        app.MapKubeApi(store);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        (await http.GetStringAsync("/hello")).ShouldBe("world");
        var groups = JsonNode.Parse(await http.GetStringAsync("/apis"))!;
        groups["kind"]!.GetValue<string>().ShouldBe("APIGroupList");
        using var missing = await http.GetAsync("/api/v1/namespaces/a/configmaps/b");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.StopAsync();
    }

    [Fact]
    public async Task Unexpected_failures_are_a_bare_500_status_that_leaks_nothing()
    {
        using var dir = new TempDirectory();
        var store = SqliteObjectStore.Open(dir.File("state.db"), TestKinds.Registry());
        using var loggers = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(loggers));
        await using var server = await KubeApiServer.StartAsync(store, loggers: factory);
        using var api = new ApiClient(server.BaseAddress);
        await store.DisposeAsync(); // every read now fails inside the store

        var status = (await api.GetAsync("/api/v1/namespaces/a/configmaps")).ShouldBeStatus(500, "InternalError");

        status["message"]!.GetValue<string>().ShouldNotContain("Disposed");
        status["message"]!.GetValue<string>().ShouldNotContain(" at ");
        loggers.Messages.ShouldContain(m => m.Contains("failed unexpectedly") && m.Contains("ObjectDisposedException"));
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_watches()
    {
        using var dir = new TempDirectory();
        await using var store = SqliteObjectStore.Open(dir.File("state.db"), TestKinds.Registry());
        var server = await KubeApiServer.StartAsync(store);
        using var api = new ApiClient(server.BaseAddress);
        await using var watch = await WatchStream.OpenAsync(api, "/api/v1/configmaps?watch=true");

        var stopping = server.DisposeAsync().AsTask();

        (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(stopping);
        await watch.WaitForEndAsync();
    }
}

internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._messages) owner._messages.Add($"{formatter(state, exception)} {exception}");
        }
    }
}
