namespace Fleetdeck.Fleet.Configuration;

/// <summary>How the fleet commands print: for people (a live view, tables) or for machines (one JSON document).</summary>
public enum OutputFormat
{
    Text,
    Json,
}
