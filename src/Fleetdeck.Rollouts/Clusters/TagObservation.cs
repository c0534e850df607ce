namespace Fleetdeck.Rollouts.Clusters;

/// <summary>One tag's ReplicaSet in one cluster.</summary>
public sealed record TagObservation(string Tag, int Desired, int Ready, int Available);

/// <summary>What one cluster reported this tick: its tags, or why it could not be reached.</summary>
public sealed record ClusterReport(string Name, bool Live, double ScalingFactor, IReadOnlyDictionary<string, TagObservation> Tags, string? Error)
{
    public bool Reachable => Error is null;
}
