using Fleetdeck.Fleet.Configuration;

namespace Fleetdeck.Fleet.Tests.Configuration;

[Collection(EnvironmentCollection.Name)]
public sealed class FleetConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleet-config");

    public FleetConfigurationTests()
    {
        foreach (var d in SettingKeys.All) Environment.SetEnvironmentVariable(d.EnvironmentVariable, null);
        Environment.SetEnvironmentVariable("FLEETDECK_CONFIG", null);
    }

    public void Dispose()
    {
        foreach (var d in SettingKeys.All) Environment.SetEnvironmentVariable(d.EnvironmentVariable, null);
        Environment.SetEnvironmentVariable("FLEETDECK_CONFIG", null);
        _dir.Dispose();
    }

    private FleetConfigurationInputs Inputs(Dictionary<string, string>? flags = null, string? configFile = null) => new()
    {
        Flags = flags ?? [],
        ConfigFile = configFile,
        HomeDirectory = _dir.File("home"),
        CurrentDirectory = _dir.File("cwd"),
    };

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_dir.File("home"), ".config", "fleetdeck", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    // Every combination of the three layers: the highest one present wins, and says so.
    [Theory]
    [InlineData(false, false, false, "targets", SettingOrigin.Default)]
    [InlineData(true, false, false, "from-file", SettingOrigin.ConfigFile)]
    [InlineData(false, true, false, "from-env", SettingOrigin.Environment)]
    [InlineData(true, true, false, "from-env", SettingOrigin.Environment)]
    [InlineData(false, false, true, "from-flag", SettingOrigin.Flag)]
    [InlineData(true, false, true, "from-flag", SettingOrigin.Flag)]
    [InlineData(false, true, true, "from-flag", SettingOrigin.Flag)]
    [InlineData(true, true, true, "from-flag", SettingOrigin.Flag)]
    public void Flags_beat_environment_beat_config_file_beat_defaults(bool file, bool env, bool flag, string expected, SettingOrigin origin)
    {
        if (file) WriteConfig("output: json\ntargets_config_dir: from-file\n");
        if (env) Environment.SetEnvironmentVariable("FLEETDECK_TARGETS_CONFIG_DIR", "from-env");
        var flags = flag ? new Dictionary<string, string> { [SettingKeys.TargetsConfigDir] = "from-flag" } : null;

        var value = FleetConfiguration.Load(Inputs(flags)).Get(SettingKeys.TargetsConfigDir);

        value.Value.ShouldBe(expected);
        value.Source.Origin.ShouldBe(origin);
    }

    [Fact]
    public void Sources_name_the_flag_the_variable_and_the_file_line()
    {
        var file = WriteConfig("# fleet settings\nconcurrency: 8\nready_timeout: 90s\n");
        Environment.SetEnvironmentVariable("FLEETDECK_OUTPUT", "json");
        var configuration = FleetConfiguration.Load(Inputs(new() { [SettingKeys.StateDir] = "/tmp/x" }));

        configuration.Get(SettingKeys.StateDir).Source.ToString().ShouldBe("flag --state-dir");
        configuration.Get(SettingKeys.Output).Source.ToString().ShouldBe("env FLEETDECK_OUTPUT");
        configuration.Get(SettingKeys.Concurrency).Source.ToString().ShouldBe($"config file {file}:2");
        configuration.Get(SettingKeys.ReadyTimeout).Source.ToString().ShouldBe($"config file {file}:3");
        var settings = configuration.Resolve();
        settings.Output.ShouldBe(OutputFormat.Json);
        settings.Concurrency.ShouldBe(8);
        settings.ReadyTimeout.ShouldBe(TimeSpan.FromSeconds(90));
        settings.StateDir.ShouldBe("/tmp/x");
    }

    [Fact]
    public void A_relative_path_in_the_config_file_is_relative_to_the_file_and_one_from_a_flag_to_the_current_directory()
    {
        var file = WriteConfig("targets_config_dir: ../targets\n");
        FleetConfiguration.Load(Inputs()).Resolve().TargetsConfigDir.ShouldBe(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "../targets")));
        FleetConfiguration.Load(Inputs(new() { [SettingKeys.TargetsConfigDir] = "t" })).Resolve().TargetsConfigDir.ShouldBe(Path.Combine(_dir.File("cwd"), "t"));
        FleetConfiguration.Load(Inputs(new() { [SettingKeys.TargetsConfigDir] = "~/t" })).Resolve().TargetsConfigDir.ShouldBe(Path.Combine(_dir.File("home"), "t"));
    }

    [Fact]
    public void The_config_flag_replaces_the_default_file_and_must_exist()
    {
        WriteConfig("output: json\n");
        var other = _dir.File("other.yaml");
        File.WriteAllText(other, "output: text\nconcurrency: 2\n");
        var configuration = FleetConfiguration.Load(Inputs(configFile: other));
        configuration.ConfigFile.ShouldBe(other);
        configuration.Get(SettingKeys.Output).Value.ShouldBe("text");

        var missing = Should.Throw<FleetConfigException>(() => FleetConfiguration.Load(Inputs(configFile: _dir.File("nope.yaml"))));
        missing.Message.ShouldContain("nope.yaml (from --config) does not exist");
    }

    [Fact]
    public void Bad_values_name_their_source_and_the_fix()
    {
        Environment.SetEnvironmentVariable("FLEETDECK_CONCURRENCY", "lots");
        Should.Throw<FleetConfigException>(() => FleetConfiguration.Load(Inputs()).Resolve())
            .Message.ShouldBe("concurrency \"lots\" (from env FLEETDECK_CONCURRENCY) is not a whole number from 1 to 64");

        var file = WriteConfig("output: yaml\n");
        Environment.SetEnvironmentVariable("FLEETDECK_CONCURRENCY", null);
        Should.Throw<FleetConfigException>(() => FleetConfiguration.Load(Inputs()).Resolve())
            .Message.ShouldBe($"output \"yaml\" (from config file {file}:1) is not an output format: use text or json");
    }

    [Fact]
    public void An_unknown_setting_in_the_file_is_an_error_with_its_line()
    {
        var file = WriteConfig("output: text\ntargets_dir: /x\n");
        Should.Throw<FleetConfigException>(() => FleetConfiguration.Load(Inputs()))
            .Message.ShouldStartWith($"{file}:2:1: unknown setting \"targets_dir\"");
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    public void Durations_parse(string text, double seconds)
    {
        Durations.TryParse(text, out var d).ShouldBeTrue();
        d.TotalSeconds.ShouldBe(seconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5x")]
    public void Bad_durations_do_not_parse(string text) => Durations.TryParse(text, out _).ShouldBeFalse();
}
