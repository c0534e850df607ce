using System.Text.Json.Nodes;

namespace Fleetdeck.Core.Serialization;

/// <summary>One YAML or JSON document of a manifest, with the source position of every field.</summary>
public sealed record ManifestDocument(JsonObject Root, SourcePosition Start, IReadOnlyDictionary<string, SourcePosition> Positions)
{
    /// <summary>The position of a field path (<c>spec.containers[0].image</c>), or of its nearest parent that has one.</summary>
    public SourcePosition PositionOf(string path)
    {
        var current = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        while (current.Length > 0)
        {
            if (Positions.TryGetValue(current, out var position)) return position;
            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0) break;
            current = current[..cut];
        }
        return Start;
    }
}
