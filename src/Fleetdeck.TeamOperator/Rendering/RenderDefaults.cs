using Fleetdeck.TeamOperator.Sites;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>What <c>fleetdeck render</c> assumes when it is not told.</summary>
public static class RenderDefaults
{
    /// <summary>The database host rendered when no main database URL is given (there is no cluster to read a secret from).</summary>
    public const string DatabaseHost = "main-database";

    public const string Namespace = "default";

    public static MainDatabase Database { get; } = new(DatabaseHost, null);
}
