namespace Fleetdeck.Fleet.Engine;

/// <summary>A step that could not finish; the message says why in one line, safe to show (no secrets).</summary>
public sealed class StepFailedException(string message, Exception? inner = null) : Exception(message, inner);
