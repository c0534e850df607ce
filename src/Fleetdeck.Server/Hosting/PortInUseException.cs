namespace Fleetdeck.Server.Hosting;

/// <summary>A port the control plane needs is taken.</summary>
public sealed class PortInUseException(string message) : Exception(message);
