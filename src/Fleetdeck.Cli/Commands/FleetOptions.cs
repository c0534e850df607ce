using System.CommandLine;
using Fleetdeck.Cli.Options;
using Fleetdeck.Fleet.Configuration;
using Fleetdeck.Fleet.Running;
using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Cli.Commands;

/// <summary>The fleet commands' settings as flags (one per setting, highest precedence), plus <c>--config</c>.</summary>
internal sealed class FleetOptions
{
    private readonly Dictionary<string, Option<string?>> _settings = [];

    public FleetOptions()
    {
        foreach (var definition in SettingKeys.All)
            _settings[definition.Key] = new Option<string?>(definition.Flag) { Description = $"{definition.Description} (env {definition.EnvironmentVariable}; default {definition.Default})" };
    }

    public Option<string?> Config { get; } = PathOption.Optional("--config", "The config file (default: $FLEETDECK_CONFIG, then ~/.config/fleetdeck/config.yaml)");

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        foreach (var option in _settings.Values) command.Options.Add(option);
    }

    public FleetConfigurationInputs Inputs(ParseResult parse) => new()
    {
        Flags = _settings.Where(p => parse.GetValue(p.Value) is not null).ToDictionary(p => p.Key, p => parse.GetValue(p.Value)!),
        ConfigFile = parse.GetValue(Config),
    };

    /// <summary>Runs a fleet command body, turning its known failures into one line each and exit 1.</summary>
    public static Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> body) => Cli.RunAsync(parse, async context =>
    {
        try
        {
            return await body(context);
        }
        catch (Exception e) when (e is FleetConfigException or TargetsException or FleetUsageException or Fleetdeck.Fleet.Engine.StepFailedException)
        {
            foreach (var line in e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                await context.Error.WriteLineAsync($"error: {line.TrimEnd('\r')}");
            return 1;
        }
    });
}
