using Fleetdeck.Core.Store;
using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Fleet.Engine;

/// <summary>What a step works with: its target, the stores it writes to, earlier outputs, and the run's settings.</summary>
public sealed record StepContext
{
    public required Target Target { get; init; }

    /// <summary>The control room (the target itself, for a control room).</summary>
    public required ControlRoomTarget ControlRoom { get; init; }

    /// <summary>The control room's control plane: where orgs, claims and databases live.</summary>
    public required IObjectStore ControlPlane { get; init; }

    /// <summary>Where the workload's Site runs: the control plane, or the workload's own cluster.</summary>
    public required IObjectStore Cluster { get; init; }

    /// <summary>True when <see cref="Cluster"/> is a real Kubernetes cluster (it needs our CRDs and the operator installed).</summary>
    public bool ClusterIsReal { get; init; }

    public required OutputsBook Outputs { get; init; }

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>True while a step computes its plan: what is not known yet (a claim's endpoint) may show as pending instead of failing.</summary>
    public bool Planning { get; init; }

    public WorkloadTarget Workload => Target as WorkloadTarget ?? throw new InvalidOperationException($"{Target.Name} is not a workload");
}
