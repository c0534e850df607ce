namespace Fleetdeck.Core.Modules;

/// <summary>A second control plane tried to use a state directory that one is already running on.</summary>
public sealed class StateDirectoryInUseException(string message) : Exception(message);
