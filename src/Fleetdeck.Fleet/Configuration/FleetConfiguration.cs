using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Fleetdeck.Fleet.Configuration;

/// <summary>
/// The fleet commands' configuration, as layers of <see cref="IConfiguration"/>: defaults, then the config file
/// (<c>--config</c>, <c>$FLEETDECK_CONFIG</c>, else <c>~/.config/fleetdeck/config.yaml</c>), then <c>FLEETDECK_*</c>
/// variables, then flags; a later layer wins. Every value can say which layer gave it.
/// </summary>
public sealed class FleetConfiguration
{
    public const string EnvironmentPrefix = "FLEETDECK_";

    private readonly IConfigurationRoot _root;
    private readonly FleetConfigurationInputs _inputs;
    private readonly YamlFileConfigurationProvider _file;

    private FleetConfiguration(IConfigurationRoot root, FleetConfigurationInputs inputs, string configFile)
    {
        _root = root;
        _inputs = inputs;
        ConfigFile = configFile;
        _file = root.Providers.OfType<YamlFileConfigurationProvider>().Single();
    }

    /// <summary>The config file read (it may not exist).</summary>
    public string ConfigFile { get; }

    public bool ConfigFileExists => File.Exists(ConfigFile);

    public static FleetConfiguration Load(FleetConfigurationInputs inputs)
    {
        var explicitFile = inputs.ConfigFile ?? NonEmpty(Environment.GetEnvironmentVariable(EnvironmentPrefix + "CONFIG"));
        var file = explicitFile is not null
            ? Path.GetFullPath(ExpandHome(explicitFile, inputs.HomeDirectory), inputs.CurrentDirectory)
            : DefaultConfigFile(inputs.HomeDirectory);
        var root = new ConfigurationBuilder()
            .Add(new MemoryConfigurationSource { InitialData = SettingKeys.All.Select(d => new KeyValuePair<string, string?>(d.Key, d.Default)) })
            .Add(new YamlFileConfigurationSource(file, optional: explicitFile is null))
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Add(new FlagsConfigurationSource(inputs.Flags))
            .Build();
        var configuration = new FleetConfiguration(root, inputs, file);
        foreach (var (key, position) in configuration._file.Positions)
            if (SettingKeys.Find(key) is null)
                throw new FleetConfigException($"{position}: unknown setting \"{key}\" (known: {string.Join(", ", SettingKeys.All.Select(d => d.Key))}): remove it or fix its name");
        return configuration;
    }

    /// <summary>The effective value of a setting and the layer it came from.</summary>
    public SettingValue Get(string key)
    {
        var definition = SettingKeys.Find(key) ?? throw new ArgumentException($"unknown setting {key}", nameof(key));
        foreach (var provider in _root.Providers.Reverse())
        {
            if (!provider.TryGet(definition.Key, out var value) || value is null) continue;
            var source = provider switch
            {
                FlagsConfigurationProvider => new SettingSource(SettingOrigin.Flag, definition.Flag),
                EnvironmentVariablesConfigurationProvider => new SettingSource(SettingOrigin.Environment, EnvironmentName(definition)),
                YamlFileConfigurationProvider yaml => new SettingSource(SettingOrigin.ConfigFile,
                    yaml.Positions.TryGetValue(definition.Key, out var p) ? $"{p.Source}:{p.Line}" : yaml.Path),
                _ => new SettingSource(SettingOrigin.Default, ""),
            };
            return new SettingValue(definition, value, source);
        }
        return new SettingValue(definition, definition.Default, new SettingSource(SettingOrigin.Default, ""));
    }

    public IReadOnlyList<SettingValue> All() => [.. SettingKeys.All.Select(d => Get(d.Key))];

    /// <summary>The typed settings; a bad value names its source and the fix.</summary>
    public FleetSettings Resolve() => FleetSettings.From(this);

    /// <summary>A path setting made absolute: a relative path from the config file is relative to that file's folder, otherwise to the current directory.</summary>
    internal string ResolvePath(SettingValue value)
    {
        var expanded = ExpandHome(value.Value, _inputs.HomeDirectory);
        var baseDirectory = value.Source.Origin == SettingOrigin.ConfigFile
            ? Path.GetDirectoryName(ConfigFile) ?? _inputs.CurrentDirectory
            : _inputs.CurrentDirectory;
        if (value.Source.Origin == SettingOrigin.Default && value.Definition.Key == SettingKeys.StateDir
            && NonEmpty(Environment.GetEnvironmentVariable("XDG_STATE_HOME")) is { } xdg)
            return Path.Combine(xdg, "fleetdeck");
        return Path.GetFullPath(expanded, baseDirectory);
    }

    private static string DefaultConfigFile(string home)
    {
        var xdg = NonEmpty(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"));
        return Path.Combine(xdg ?? Path.Combine(home, ".config"), "fleetdeck", "config.yaml");
    }

    internal static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    /// <summary>The variable as it is spelled in the environment (the provider matches the prefix in any case).</summary>
    private static string EnvironmentName(SettingDefinition definition)
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string name && string.Equals(name, definition.EnvironmentVariable, StringComparison.OrdinalIgnoreCase))
                return name;
        return definition.EnvironmentVariable;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
