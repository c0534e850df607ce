namespace Fleetdeck.Fleet.Configuration;

/// <summary>Where a setting's value came from, most important first.</summary>
public enum SettingOrigin
{
    Flag,
    Environment,
    ConfigFile,
    Default,
}

/// <summary>The origin of one value and its detail: the flag, the variable, or the file and line.</summary>
public sealed record SettingSource(SettingOrigin Origin, string Detail)
{
    public override string ToString() => Origin switch
    {
        SettingOrigin.Flag => $"flag {Detail}",
        SettingOrigin.Environment => $"env {Detail}",
        SettingOrigin.ConfigFile => $"config file {Detail}",
        _ => "default",
    };
}

/// <summary>A setting's effective value and its source.</summary>
public sealed record SettingValue(SettingDefinition Definition, string Value, SettingSource Source);
