namespace Fleetdeck.Fleet.Tests.Ensure;

/// <summary>Bad input to <c>fleetdeck ensure</c>: one clear line on stderr naming the file and the fix, exit 1, nothing on stdout.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TargetsDir _targets = TargetsDir.CopyOf("targets");
    private readonly TempDirectory _state = new("fleet-bad");

    public void Dispose()
    {
        _targets.Dispose();
        _state.Dispose();
    }

    private Task<FleetRun> Ensure(string targetsDir, params string[] args) =>
        FleetRun.RunAsync(["ensure", "--targets-config-dir", targetsDir, "--state-dir", _state.Path, .. args]);

    private static void OneLine(FleetRun run, params string[] parts)
    {
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Output.ShouldBeEmpty(run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, run.ToString());
        lines[0].ShouldStartWith("error: ");
        foreach (var part in parts) lines[0].ShouldContain(part);
    }

    [Fact]
    public async Task A_missing_targets_directory() =>
        OneLine(await Ensure("/nonexistent/targets", "acme"), "/nonexistent/targets: targets directory does not exist", "--targets-config-dir");

    [Fact]
    public async Task An_unknown_target() =>
        OneLine(await Ensure(_targets.Path, "acmee", "--dry-run"), "unknown target \"acmee\": did you mean \"acme\"?", "workloads: acme, globex");

    [Fact]
    public async Task A_workload_naming_a_missing_control_room()
    {
        var file = Path.Combine(_targets.Path, "__work__", "acme", "fleetdeck.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("controlRoom: ctrl01", "controlRoom: ctrl09"));
        OneLine(await Ensure(_targets.Path, "acme", "--dry-run"), $"{file}:7: spec.controlRoom: control room \"ctrl09\" does not exist (have: ctrl01): add __ctrl__/ctrl09/ or fix the name");
    }

    [Fact]
    public async Task A_duplicate_org_id()
    {
        var file = Path.Combine(_targets.Path, "__work__", "globex", "fleetdeck.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("  domain: globex.example.com", "  orgId: acme\n  domain: globex.example.com"));
        OneLine(await Ensure(_targets.Path, "globex", "--dry-run"), $"{file}:", "spec.orgId: org id \"acme\" is also used by", "acme/fleetdeck.yaml: give each workload its own spec.orgId");
    }

    [Fact]
    public async Task A_bad_yaml_field()
    {
        var file = Path.Combine(_targets.Path, "__work__", "acme", "fleetdeck.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("  storage:", "  storag:"));
        OneLine(await Ensure(_targets.Path, "acme", "--dry-run"), $"{file}:15: spec.storag: unknown field \"storag\": did you mean \"storage\"?");
    }

    [Fact]
    public async Task An_unknown_step() =>
        OneLine(await Ensure(_targets.Path, "acme", "--only", "eks"), "unknown step \"eks\" for acme (steps: bootstrap, persistent, postgres_config, cluster, sites, persistent_reprise)");

    [Fact]
    public async Task A_control_room_whose_control_plane_is_not_running()
    {
        var run = await Ensure(_targets.Path, "acme", "--dry-run");
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("its embedded control plane has no kubeconfig in");
        run.Error.ShouldContain("start it with `fleetdeck up --state-dir");
    }

    [Fact]
    public async Task List_steps_needs_no_control_plane()
    {
        var run = await Ensure(_targets.Path, "ctrl01", "--list-steps");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ShouldBe(["bootstrap", "persistent", "cluster"]);
    }

    [Fact]
    public async Task Config_show_names_each_source()
    {
        var config = Path.Combine(_state.Path, "config.yaml");
        File.WriteAllText(config, "concurrency: 3\n");
        var run = await FleetRun.RunAsync("config", "show", "--config", config, "--targets-config-dir", "/srv/targets", "--output", "json");
        run.ExitCode.ShouldBe(0, run.ToString());
        var json = System.Text.Json.Nodes.JsonNode.Parse(run.Output)!;
        json["targets_config_dir"]!["source"]!.GetValue<string>().ShouldBe("flag --targets-config-dir");
        json["targets_config_dir"]!["value"]!.GetValue<string>().ShouldBe("/srv/targets");
        json["concurrency"]!["source"]!.GetValue<string>().ShouldBe($"config file {config}:1");
        json["ready_timeout"]!["source"]!.GetValue<string>().ShouldBe("default");
    }
}
