namespace Fleetdeck.Fleet.Configuration;

/// <summary>One setting of the fleet commands: its key (as in the config file), its flag, and its default.</summary>
public sealed record SettingDefinition(string Key, string Flag, string Description, string Default)
{
    /// <summary>The environment variable that sets it: <c>FLEETDECK_</c> and the key in capitals.</summary>
    public string EnvironmentVariable => FleetConfiguration.EnvironmentPrefix + Key.ToUpperInvariant();
}
