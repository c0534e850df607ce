namespace Fleetdeck.Kubernetes.Operator;

/// <summary>The operator cannot run against this cluster (a kind it needs is not served, say); the message says what to do.</summary>
public sealed class OperatorException(string message) : Exception(message);
