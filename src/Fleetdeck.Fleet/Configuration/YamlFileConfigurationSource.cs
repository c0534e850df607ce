using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Configuration;

/// <summary>The config file (<c>config.yaml</c>), read with our own YAML reader so every value keeps its line.</summary>
internal sealed class YamlFileConfigurationSource(string path, bool optional) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new YamlFileConfigurationProvider(path, optional);
}

internal sealed class YamlFileConfigurationProvider(string path, bool optional) : ConfigurationProvider
{
    public string Path { get; } = path;

    /// <summary>Where each key sits in the file.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions { get; private set; } = new Dictionary<string, SourcePosition>();

    public override void Load()
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(Path))
        {
            if (optional) return;
            throw new FleetConfigException($"config file {Path} (from --config) does not exist: create it, or drop --config to use ~/.config/fleetdeck/config.yaml");
        }

        var documents = YamlReader.Read(File.ReadAllText(Path), Path);
        if (documents.Count == 0) return;
        if (documents.Count > 1) throw new FleetConfigException($"{documents[1].Start}: a config file holds one YAML document");
        var document = documents[0];
        var positions = new Dictionary<string, SourcePosition>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in document.Root)
        {
            var position = document.PositionOf(key);
            if (value is JsonObject or JsonArray)
                throw new FleetConfigException($"{position}: {key}: a setting takes a single value, not a {(value is JsonObject ? "mapping" : "list")}");
            if (value is null) continue;
            Data[key] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            positions[key] = position;
        }
        Positions = positions;
    }
}
