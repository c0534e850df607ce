using Microsoft.Extensions.Configuration;

namespace Fleetdeck.Fleet.Configuration;

/// <summary>The flags given on the command line, as the highest-precedence configuration layer.</summary>
internal sealed class FlagsConfigurationSource(IReadOnlyDictionary<string, string> values) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new FlagsConfigurationProvider(values);
}

internal sealed class FlagsConfigurationProvider(IReadOnlyDictionary<string, string> values) : ConfigurationProvider
{
    public override void Load() => Data = values.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);
}
