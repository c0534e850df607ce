namespace Fleetdeck.Cli.Tests.Commands;

/// <summary>apply, get, describe and delete against a running control plane, through its kubeconfig.</summary>
public sealed class ClientCommandTests : IClassFixture<LocalControlPlane>
{
    private readonly LocalControlPlane _plane;

    public ClientCommandTests(LocalControlPlane plane) => _plane = plane;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string ConfigMap(string name, string value, string extra = "") =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  key: \"{value}\"\n{extra}";

    [Fact]
    public async Task Apply_creates_then_reports_unchanged_then_configures_a_change()
    {
        var name = Unique("cm");
        var file = _plane.WriteFile($"{name}.yaml", ConfigMap(name, "1"));

        (await _plane.RunAsync("apply", "-f", file)).Output.ShouldBe($"configmap/{name} created\n");
        (await _plane.RunAsync("apply", "-f", file)).Output.ShouldBe($"configmap/{name} unchanged\n");
        File.WriteAllText(file, ConfigMap(name, "2"));
        var changed = await _plane.RunAsync("apply", "-f", file);

        changed.ExitCode.ShouldBe(0, changed.ToString());
        changed.Output.ShouldBe($"configmap/{name} configured\n");
        (await _plane.RunAsync("get", "configmap", name, "-o", "json")).Output.ShouldContain("\"key\": \"2\"");
    }

    [Fact]
    public async Task Apply_removes_a_field_dropped_from_the_manifest()
    {
        var name = Unique("cm");
        var file = _plane.WriteFile($"{name}.yaml", ConfigMap(name, "1", "  other: \"x\"\n"));
        await _plane.RunAsync("apply", "-f", file);
        File.WriteAllText(file, ConfigMap(name, "1"));

        await _plane.RunAsync("apply", "-f", file);

        (await _plane.RunAsync("get", "cm", name, "-o", "yaml")).Output.ShouldNotContain("other:");
    }

    [Fact]
    public async Task Apply_warns_about_unknown_fields_and_keeps_the_rest()
    {
        var name = Unique("cm");
        var file = _plane.WriteFile($"{name}.yaml", ConfigMap(name, "1", "colour: blue\n"));

        var run = await _plane.RunAsync("apply", "-f", file);

        run.ExitCode.ShouldBe(0);
        run.Error.ShouldContain("unknown field \"colour\"");
        run.Output.ShouldBe($"configmap/{name} created\n");
    }

    [Fact]
    public async Task Bad_manifests_name_the_file_and_line_and_write_nothing()
    {
        var good = Unique("cm");
        var file = _plane.WriteFile($"{good}.yaml", ConfigMap(good, "1") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n");

        var run = await _plane.RunAsync("apply", "-f", file);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith($"error: {file}:");
        (await _plane.RunAsync("get", "cm", good)).ExitCode.ShouldBe(1, "nothing is applied when any document is bad");
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Gizmo\nmetadata: {name: g}\n", "unknown kind \"Gizmo\" in apiVersion \"v1\"")]
    [InlineData("apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: d}\n", "kind Deployment is served as apiVersion apps/v1, not \"apps/v2\"")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n", "ConfigMap has no metadata.name")]
    [InlineData("kind: ConfigMap\nmetadata: {name: x}\n", "missing apiVersion")]
    public async Task Bad_documents_get_a_clear_message_and_exit_1(string yaml, string message)
    {
        var file = _plane.WriteFile($"{Guid.NewGuid():N}.yaml", yaml);

        var run = await _plane.RunAsync("apply", "-f", file);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain(message);
        run.Error.ShouldStartWith($"error: {file}:");
    }

    [Fact]
    public async Task Get_shows_a_table_yaml_and_json()
    {
        var name = Unique("cm");
        await _plane.RunAsync("apply", "-f", _plane.WriteFile($"{name}.yaml", ConfigMap(name, "1")));

        var table = await _plane.RunAsync("get", "configmaps");
        table.Output.Split('\n')[0].ShouldStartWith("NAME");
        table.Output.ShouldContain(name);
        (await _plane.RunAsync("get", "cm", name, "-o", "yaml")).Output.ShouldContain($"name: {name}");
        (await _plane.RunAsync("get", "cm", "-o", "json")).Output.ShouldContain("\"kind\": \"List\"");
        (await _plane.RunAsync("get", "namespaces")).Output.ShouldContain("fleetdeck-system");
    }

    [Fact]
    public async Task Get_of_a_missing_object_or_kind_fails_clearly()
    {
        var missing = await _plane.RunAsync("get", "cm", "no-such-thing");
        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldBe("Error from server (NotFound): configmaps \"no-such-thing\" not found\n");

        var kind = await _plane.RunAsync("get", "gizmos");
        kind.ExitCode.ShouldBe(1);
        kind.Error.ShouldStartWith("error: the server doesn't have a resource type \"gizmos\"");
    }

    [Fact]
    public async Task Describe_shows_identity_and_content()
    {
        var name = Unique("cm");
        await _plane.RunAsync("apply", "-f", _plane.WriteFile($"{name}.yaml", ConfigMap(name, "1")));

        var run = await _plane.RunAsync("describe", "configmap", name);

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain($"Name:               {name}");
        run.Output.ShouldContain("Namespace:          default");
        run.Output.ShouldContain("Data:\n  key: \"1\"");
    }

    [Fact]
    public async Task Delete_removes_the_object_and_reports_a_missing_one()
    {
        var name = Unique("cm");
        await _plane.RunAsync("apply", "-f", _plane.WriteFile($"{name}.yaml", ConfigMap(name, "1")));

        (await _plane.RunAsync("delete", "cm", name)).Output.ShouldBe($"configmap \"{name}\" deleted\n");
        var again = await _plane.RunAsync("delete", "cm", name);

        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("NotFound");
        (await _plane.RunAsync("delete", "cm", name, "--ignore-not-found")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Without_a_kubeconfig_the_client_says_how_to_start_one()
    {
        var run = await CliRun.RunAsync("--kubeconfig", "/nonexistent/kubeconfig", "get", "namespaces");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe("error: kubeconfig /nonexistent/kubeconfig (from --kubeconfig) does not exist\n");
    }
}
