using System.Globalization;

namespace Fleetdeck.Fleet.Configuration;

/// <summary>The effective, typed settings of the fleet commands.</summary>
public sealed record FleetSettings
{
    public required string TargetsConfigDir { get; init; }

    public required string StateDir { get; init; }

    public OutputFormat Output { get; init; } = OutputFormat.Text;

    public int Concurrency { get; init; } = 4;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    internal static FleetSettings From(FleetConfiguration configuration)
    {
        var output = configuration.Get(SettingKeys.Output);
        var concurrency = configuration.Get(SettingKeys.Concurrency);
        var timeout = configuration.Get(SettingKeys.ReadyTimeout);
        return new FleetSettings
        {
            TargetsConfigDir = configuration.ResolvePath(configuration.Get(SettingKeys.TargetsConfigDir)),
            StateDir = configuration.ResolvePath(configuration.Get(SettingKeys.StateDir)),
            Output = output.Value.ToLowerInvariant() switch
            {
                "text" => OutputFormat.Text,
                "json" => OutputFormat.Json,
                _ => throw Bad(output, "is not an output format: use text or json"),
            },
            Concurrency = int.TryParse(concurrency.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? n
                : throw Bad(concurrency, "is not a whole number from 1 to 64"),
            ReadyTimeout = Durations.TryParse(timeout.Value, out var d) && d > TimeSpan.Zero
                ? d
                : throw Bad(timeout, "is not a duration: use e.g. 90s, 5m or 1h"),
        };
    }

    private static FleetConfigException Bad(SettingValue value, string what) =>
        new($"{value.Definition.Key} \"{value.Value}\" (from {value.Source}) {what}");
}
