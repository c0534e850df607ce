namespace Fleetdeck.Core.Serialization;

/// <summary>A manifest that cannot be read or decoded; the message names the file, line and column.</summary>
public sealed class ManifestException(string message, SourcePosition? position = null, string? field = null)
    : Exception(position is { } p ? $"{p}: {message}" : message)
{
    public SourcePosition? Position { get; } = position;

    public string? Field { get; } = field;

    public string Detail { get; } = message;
}
