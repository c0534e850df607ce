using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.TeamOperator.Tests;

/// <summary>An embedded-mode database fallback with a fixed admin URL (or none yet).</summary>
internal sealed class StaticFallback(string? url) : IMainDatabaseFallback
{
    public string? AdminUrl { get; set; } = url;
}
