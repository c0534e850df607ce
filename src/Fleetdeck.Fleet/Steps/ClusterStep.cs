using k8s;
using k8s.Models;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps;

/// <summary>
/// <c>cluster</c>: on a real Kubernetes cluster, our CRDs and the operator install (namespace, RBAC, Deployment), as
/// <c>fleetdeck install</c> prints them. An embedded control plane serves every kind itself, so there it is skipped.
/// </summary>
internal sealed class ClusterStep(Func<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> install) : ObjectStep<ClusterOutputs>
{
    public override string Name => StepNames.Cluster;

    public override string Description => "operator CRDs and install (real clusters only)";

    protected override string? SkipReason(StepContext context) =>
        context.ClusterIsReal ? null : "skipped: the embedded control plane serves every kind and runs the controllers itself";

    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DesiredObject>>([.. install().Select(o => new DesiredObject(context.Cluster, o))]);

    protected override Task<ClusterOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ClusterOutputs(true, null, install().Count));
}
