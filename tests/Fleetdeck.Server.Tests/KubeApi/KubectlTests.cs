using System.Net;
using System.Text.Json.Nodes;
using Fleetdeck.Testing;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>Round trips with the real kubectl (v1.32) against the façade.</summary>
public sealed class KubectlTests : IClassFixture<KubeApiFixture>, IAsyncLifetime
{
    private readonly KubeApiFixture _fixture;
    private readonly ApiClient _api;
    private readonly Kubectl _kubectl;
    private readonly string _ns = KubeApiFixture.NewNamespace("k");

    public KubectlTests(KubeApiFixture fixture)
    {
        _fixture = fixture;
        _api = fixture.Api;
        _kubectl = fixture.Kubectl();
    }

    // kubectl checks the namespace when an object is not found, as it exists in any real cluster.
    public async Task InitializeAsync() =>
        (await _api.PostAsync("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = _ns } })).Status.ShouldBe(HttpStatusCode.Created);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_prints_a_table_with_the_printer_columns()
    {
        await CreateReadyWidgetAsync("tbl", "red");

        var result = (await Kubectl("get", "widgets")).ShouldSucceed();

        var lines = Lines(result.Stdout);
        Columns(lines[0]).ShouldBe(["NAME", "COLOR", "READY", "AGE"]);
        Columns(lines[1])[..3].ShouldBe(["tbl", "red", "True"]);
        Columns(lines[1])[3].ShouldMatch("^[0-9]+s$");
    }

    [Fact]
    public async Task Get_across_namespaces_and_by_short_name_works()
    {
        await CreateReadyWidgetAsync("everywhere", "gray");

        var result = (await _kubectl.RunAsync("get", "wd", "-A")).ShouldSucceed();

        Columns(Lines(result.Stdout)[0]).ShouldBe(["NAMESPACE", "NAME", "COLOR", "READY", "AGE"]);
        result.Stdout.ShouldContain(_ns);
    }

    [Fact]
    public async Task Get_as_yaml_and_json_prints_the_object()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "doc", "amber", 3));

        var yaml = (await Kubectl("get", "widget", "doc", "-o", "yaml")).ShouldSucceed().Stdout;
        yaml.ShouldContain("kind: Widget");
        yaml.ShouldContain("apiVersion: test.fleetdeck.dev/v1");
        yaml.ShouldContain("color: amber");

        var json = JsonNode.Parse((await Kubectl("get", "widget", "doc", "-o", "json")).ShouldSucceed().Stdout)!;
        json["spec"]!["size"]!.GetValue<int>().ShouldBe(3);
        json["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(_ns);

        var list = JsonNode.Parse((await Kubectl("get", "widgets", "-o", "json")).ShouldSucceed().Stdout)!;
        list["kind"]!.GetValue<string>().ShouldBe("List");
        list["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Apply_of_a_deployment_creates_then_patches_then_reports_unchanged()
    {
        var file = Write("deploy.yaml", Deployment("nginx:1.25", "1"));
        (await Kubectl("apply", "-f", file)).ShouldSucceed().Stdout.Trim().ShouldBe("deployment.apps/web created");
        (await Kubectl("apply", "-f", file)).ShouldSucceed().Stdout.Trim().ShouldBe("deployment.apps/web unchanged");

        Write("deploy.yaml", Deployment("nginx:1.26", "2"));
        (await Kubectl("apply", "-f", file)).ShouldSucceed().Stdout.Trim().ShouldBe("deployment.apps/web configured");

        var live = (await _api.GetAsync(Manifests.Deployments(_ns, "web"))).Object;
        var container = live["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"]!.GetValue<string>().ShouldBe("nginx:1.26");
        container["env"]!.ToJsonString().ShouldBe("""[{"name":"LEVEL","value":"2"}]""");
        live["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        (await Kubectl("apply", "-f", file)).ShouldSucceed().Stdout.Trim().ShouldBe("deployment.apps/web unchanged");
    }

    [Fact]
    public async Task Apply_of_a_config_map_and_a_widget_creates_then_patches()
    {
        var configMap = Write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n");
        var widget = Write("widget.yaml", "apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata:\n  name: gear\nspec:\n  color: red\n  size: 2\n");
        (await Kubectl("apply", "-f", configMap, "-f", widget)).ShouldSucceed().Stdout
            .ShouldBe("configmap/settings created\nwidget.test.fleetdeck.dev/gear created\n");

        Write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: slow\n");
        Write("widget.yaml", "apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata:\n  name: gear\nspec:\n  color: blue\n  size: 2\n");
        (await Kubectl("apply", "-f", configMap, "-f", widget)).ShouldSucceed().Stdout
            .ShouldBe("configmap/settings configured\nwidget.test.fleetdeck.dev/gear configured\n");
        (await Kubectl("apply", "-f", configMap, "-f", widget)).ShouldSucceed().Stdout
            .ShouldBe("configmap/settings unchanged\nwidget.test.fleetdeck.dev/gear unchanged\n");

        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "settings"))).Object["data"]!["mode"]!.GetValue<string>().ShouldBe("slow");
        (await _api.GetAsync(Manifests.Widgets(_ns, "gear"))).Object["spec"]!["color"]!.GetValue<string>().ShouldBe("blue");
    }

    [Fact]
    public async Task Apply_with_an_unknown_field_warns_or_fails_as_validation_asks()
    {
        var file = Write("odd.yaml", "apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata:\n  name: odd\nspec:\n  color: red\n  shape: round\n");

        var strict = await Kubectl("apply", "-f", file);
        strict.ExitCode.ShouldNotBe(0);
        strict.Stderr.ShouldContain("strict decoding error: unknown field \"spec.shape\"");

        var warned = (await Kubectl("apply", "-f", file, "--validate=warn")).ShouldSucceed();
        warned.Stderr.ShouldContain("Warning: unknown field \"spec.shape\"");
        warned.Stdout.Trim().ShouldBe("widget.test.fleetdeck.dev/odd created");
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "doomed"));
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "doomed-cm"));

        (await Kubectl("delete", "widget", "doomed")).ShouldSucceed().Stdout.Trim().ShouldBe("widget.test.fleetdeck.dev \"doomed\" deleted");
        (await Kubectl("delete", "configmap", "doomed-cm")).ShouldSucceed().Stdout.Trim().ShouldBe("configmap \"doomed-cm\" deleted");

        (await _api.GetAsync(Manifests.Widgets(_ns, "doomed"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _api.GetAsync(Manifests.ConfigMaps(_ns, "doomed-cm"))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_of_a_missing_object_fails_with_not_found()
    {
        var result = await Kubectl("get", "widget", "nowhere");

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.Trim().ShouldBe("Error from server (NotFound): widgets.test.fleetdeck.dev \"nowhere\" not found");
    }

    [Fact]
    public async Task Get_watch_prints_changes_as_they_happen()
    {
        await CreateReadyWidgetAsync("watched", "red");

        await using var watch = _kubectl.Stream("get", "widgets", "-n", _ns, "--watch");
        await Eventually.HoldsAsync(() => Task.FromResult(watch.Stdout.Contains("watched")), TimeSpan.FromSeconds(20), "kubectl to print the widget");
        await _api.PatchAsync(Manifests.Widgets(_ns, "watched"), """{"spec":{"color":"chartreuse"}}""", "application/merge-patch+json");

        await Eventually.HoldsAsync(() => Task.FromResult(watch.Stdout.Contains("chartreuse")), TimeSpan.FromSeconds(20), "kubectl to print the change");
        Lines(watch.Stdout).Count(l => l.StartsWith("NAME", StringComparison.Ordinal)).ShouldBe(1, watch.Stdout);
        watch.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_with_server_dry_run_writes_nothing()
    {
        var file = Write("dry.yaml", "apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata:\n  name: dry\nspec:\n  color: red\n");

        (await Kubectl("apply", "-f", file, "--dry-run=server")).ShouldSucceed().Stdout.Trim().ShouldBe("widget.test.fleetdeck.dev/dry created (server dry run)");
        (await _api.GetAsync(Manifests.Widgets(_ns, "dry"))).Status.ShouldBe(HttpStatusCode.NotFound);

        (await Kubectl("apply", "-f", file)).ShouldSucceed();
        Write("dry.yaml", "apiVersion: test.fleetdeck.dev/v1\nkind: Widget\nmetadata:\n  name: dry\nspec:\n  color: green\n");
        (await Kubectl("apply", "-f", file, "--dry-run=server")).ShouldSucceed().Stdout.Trim().ShouldBe("widget.test.fleetdeck.dev/dry configured (server dry run)");
        (await _api.GetAsync(Manifests.Widgets(_ns, "dry"))).Object["spec"]!["color"]!.GetValue<string>().ShouldBe("red");
    }

    [Fact]
    public async Task Patch_label_and_selectors_work_through_kubectl()
    {
        var file = Write("deploy.yaml", Deployment("nginx:1.25", "1"));
        (await Kubectl("apply", "-f", file)).ShouldSucceed();

        (await Kubectl("patch", "deployment", "web", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}"""))
            .ShouldSucceed().Stdout.Trim().ShouldBe("deployment.apps/web patched");
        (await Kubectl("label", "deployment", "web", "tier=gold")).ShouldSucceed();
        (await Kubectl("get", "deployments", "-l", "tier=gold", "-o", "name")).ShouldSucceed().Stdout.Trim().ShouldBe("deployment.apps/web");
        (await Kubectl("get", "deployments", "-l", "tier=silver", "-o", "name")).ShouldSucceed().Stdout.Trim().ShouldBeEmpty();

        var live = (await _api.GetAsync(Manifests.Deployments(_ns, "web"))).Object;
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("nginx:1.27");
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray().Count.ShouldBe(1);
    }

    private Task<KubectlResult> Kubectl(params string[] args) => _kubectl.RunAsync([.. args, "-n", _ns]);

    private async Task CreateReadyWidgetAsync(string name, string color)
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, name, color));
        var ready = """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}""";
        (await _api.PatchAsync(Manifests.Widgets(_ns, name) + "/status", ready, "application/merge-patch+json")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_fixture.Directory, $"{_ns}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Deployment(string image, string level) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {"{"}app: web{"}"}
        spec:
          replicas: 1
          selector:
            matchLabels: {"{"}app: web{"}"}
          template:
            metadata:
              labels: {"{"}app: web{"}"}
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - containerPort: 80
                env:
                - name: LEVEL
                  value: "{level}"
        """;

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
