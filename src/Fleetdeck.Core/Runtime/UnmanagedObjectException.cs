namespace Fleetdeck.Core.Runtime;

/// <summary>An object exists with the name a controller wants, but the controller does not manage it: it is left alone.</summary>
public sealed class UnmanagedObjectException(string message) : Exception(message);
