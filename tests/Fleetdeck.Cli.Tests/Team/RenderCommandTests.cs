namespace Fleetdeck.Cli.Tests.Team;

/// <summary><c>fleetdeck render</c>: no control plane, the examples' goldens, json and a directory, clear errors.</summary>
public sealed class RenderCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleetdeck-render");

    public void Dispose() => _dir.Dispose();

    private static string Example(string name) => Path.Combine(RepositoryRoot(), "examples", "sites", name);

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fleetdeck.slnx"))) return dir.FullName;
        throw new InvalidOperationException("no Fleetdeck.slnx above the test binaries");
    }

    [Theory]
    [InlineData("minimal.yaml")]
    [InlineData("full.yaml")]
    public async Task Render_prints_the_example_exactly_as_its_golden_file_without_a_control_plane(string example)
    {
        // No --kubeconfig, nothing listening: render works offline.
        var run = await CliRun.RunAsync("render", "-f", Example(example));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldBe(File.ReadAllText(Example(Path.Combine("golden", example))));
        run.Error.ShouldContain("no --main-database-url");
    }

    [Fact]
    public async Task Render_as_json_is_a_list_and_the_database_url_sets_host_and_sslmode()
    {
        var run = await CliRun.RunAsync("render", "-f", Example("minimal.yaml"), "-o", "json", "--main-database-url", "postgres://admin:pw@pg.internal:6543/postgres?sslmode=require");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldStartWith("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\"");
        run.Output.ShouldContain("postgres://minimal_connect@pg.internal:6543/minimal_connect?options=-csearch_path=connect&sslmode=require");
        run.Output.ShouldNotContain("pw@");
        run.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_to_a_directory_writes_one_file_per_object()
    {
        var out_ = _dir.File("out");

        var run = await CliRun.RunAsync("render", "-f", Example("minimal.yaml"), "--out", out_);

        run.ExitCode.ShouldBe(0, run.ToString());
        var files = Directory.GetFiles(Path.Combine(out_, "posit-team"));
        run.Output.ShouldBe($"wrote {files.Length} objects to {out_}\n");
        files.ShouldContain(Path.Combine(out_, "posit-team", "deployment-minimal-connect.yaml"));
        File.ReadAllText(Path.Combine(out_, "posit-team", "connect-minimal.yaml")).ShouldStartWith("apiVersion: core.posit.team/v1beta1\n");
    }

    [Fact]
    public async Task An_invalid_site_is_refused_with_the_field_and_nothing_is_printed()
    {
        var file = _dir.File("bad.yaml");
        File.WriteAllText(file, "apiVersion: core.posit.team/v1beta1\nkind: Site\nmetadata: {name: bad}\nspec:\n  volumeSource: {type: efs}\n");

        var run = await CliRun.RunAsync("render", "-f", file);

        run.ExitCode.ShouldBe(1);
        run.Output.ShouldBeEmpty();
        run.Error.ShouldContain($"error: {file}:1:1: Site \"bad\" is invalid: spec.domain: Required value; spec.volumeSource.type: Unsupported value: \"efs\": supported values: \"\", \"fsx-zfs\", \"nfs\", \"azure-netapp\"");
    }

    [Fact]
    public async Task Unknown_fields_are_warned_about_and_the_rest_renders()
    {
        var file = _dir.File("typo.yaml");
        File.WriteAllText(file, "apiVersion: core.posit.team/v1beta1\nkind: Site\nmetadata: {name: typo}\nspec:\n  domain: t.example.com\n  conect: {replicas: 2}\n");

        var run = await CliRun.RunAsync("render", "-f", file);

        run.ExitCode.ShouldBe(0);
        run.Error.ShouldContain("Warning: " + file + ": Site typo: unknown field \"spec.conect\"");
        run.Output.ShouldContain("name: typo-connect");
    }

    [Fact]
    public async Task Rendering_something_that_is_not_a_site_or_product_says_so()
    {
        var file = _dir.File("cm.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        var run = await CliRun.RunAsync("render", "-f", file);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("ConfigMap c is not a Site or a product: nothing to render");
    }
}
