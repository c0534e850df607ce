namespace Fleetdeck.Fleet.Configuration;

/// <summary>Every setting the fleet commands read, in the order <c>fleetdeck config show</c> prints them.</summary>
public static class SettingKeys
{
    public const string TargetsConfigDir = "targets_config_dir";
    public const string StateDir = "state_dir";
    public const string Output = "output";
    public const string Concurrency = "concurrency";
    public const string ReadyTimeout = "ready_timeout";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(TargetsConfigDir, "--targets-config-dir", "The targets directory (holds __ctrl__/ and __work__/)", "targets"),
        new(StateDir, "--state-dir", "Where step outputs are kept, one folder per target", "~/.local/state/fleetdeck"),
        new(Output, "--output", "text or json", "text"),
        new(Concurrency, "--concurrency", "How many workloads ensure --all runs at once", "4"),
        new(ReadyTimeout, "--ready-timeout", "How long a step waits for what it applied to become Ready (e.g. 90s, 5m)", "5m"),
    ];

    public static SettingDefinition? Find(string key) =>
        All.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase));
}
