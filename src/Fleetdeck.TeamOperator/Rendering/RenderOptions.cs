namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>Settings of rendering that come from the environment rather than the spec.</summary>
public sealed record RenderOptions
{
    /// <summary>The database host used when a product's <c>databaseConfig.host</c> is empty (embedded mode's managed server).</summary>
    public string? FallbackDatabaseHost { get; init; }

    public static RenderOptions Default { get; } = new();
}
