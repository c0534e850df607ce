namespace Fleetdeck.Fleet.Configuration;

/// <summary>A setting that cannot be used; the message names where it came from and how to fix it.</summary>
public sealed class FleetConfigException(string message) : Exception(message);
