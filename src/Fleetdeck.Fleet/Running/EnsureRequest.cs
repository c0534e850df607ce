using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Fleet.Configuration;

namespace Fleetdeck.Fleet.Running;

/// <summary>One <c>fleetdeck ensure</c> invocation, as parsed by the CLI.</summary>
public sealed record EnsureRequest
{
    public string? Target { get; init; }

    public bool All { get; init; }

    public bool DryRun { get; init; }

    public IReadOnlyList<string> Only { get; init; } = [];

    public string? From { get; init; }

    public bool ListSteps { get; init; }

    public bool AutoApprove { get; init; }

    public bool Destroy { get; init; }

    public required FleetConfigurationInputs Configuration { get; init; }

    /// <summary>The global <c>--kubeconfig</c> (or KUBECONFIG), for control rooms whose file does not say where their control plane is.</summary>
    public string? DefaultKubeconfig { get; init; }

    public required KindRegistry Kinds { get; init; }

    /// <summary>The operator install (CRDs, RBAC, Deployment) for the <c>cluster</c> step on real clusters.</summary>
    public required Func<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> Install { get; init; }
}
