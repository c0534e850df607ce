namespace Fleetdeck.Fleet.Configuration;

/// <summary>What configuration is built from besides the environment: the flags given, <c>--config</c>, and where home and here are.</summary>
public sealed record FleetConfigurationInputs
{
    /// <summary>Flag values by setting key (only the flags actually given).</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();

    public string? ConfigFile { get; init; }

    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;
}
