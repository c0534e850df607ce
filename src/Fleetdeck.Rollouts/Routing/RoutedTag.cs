namespace Fleetdeck.Rollouts.Routing;

/// <summary>A deployed tag: it has a subset; a weight when it takes release traffic; a tagged route when routable.</summary>
public sealed record RoutedTag(string Tag, int Weight, bool Routable);
