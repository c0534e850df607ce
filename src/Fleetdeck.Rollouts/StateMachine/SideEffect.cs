namespace Fleetdeck.Rollouts.StateMachine;

/// <summary>What a tick asks the engine to do, in order, before the new state is recorded.</summary>
public enum SideEffect
{
    /// <summary>Apply the tag's workload (ReplicaSet, config, PDB, HPA) in every cluster of the fleet.</summary>
    Sync,

    /// <summary>Scale the tag's ReplicaSet to 0 and remove its autoscaler.</summary>
    Retire,

    /// <summary>Delete everything labelled with the tag.</summary>
    Delete,

    SyncCanaryRules,
    DeleteCanaryRules,
    DeleteTaggedServiceLevels,
}
