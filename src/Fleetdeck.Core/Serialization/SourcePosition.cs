namespace Fleetdeck.Core.Serialization;

/// <summary>Where a value sits in its source file; lines and columns count from 1.</summary>
public readonly record struct SourcePosition(string Source, int Line, int Column)
{
    public override string ToString() => $"{Source}:{Line}:{Column}";
}
