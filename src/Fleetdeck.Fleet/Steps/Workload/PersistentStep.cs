using k8s.Models;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps.Workload;

/// <summary>
/// <c>persistent</c>: the workload's infrastructure. Locally that is the control room's PostgreSQL server (checked reachable)
/// and a storage claim of the requested size; the claim is kept on <c>--destroy</c> unless the retention policy is Delete.
/// A cloud workload (PTD's) gets one infrastructure claim with its database, storage and network sizes, for the
/// infrastructure engine to fulfil; the step waits until the claim is Ready.
/// </summary>
internal sealed class PersistentStep : ObjectStep<PersistentOutputs>
{
    public override string Name => StepNames.Persistent;

    public override string Description => "infrastructure: database server and storage";

    protected override async Task CheckAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Workload.Infrastructure == "local" && AdminDatabase.Url(context) is { } url) await AdminDatabase.CheckAsync(url, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        if (w.Infrastructure == "claims")
            return Task.FromResult<IReadOnlyList<DesiredObject>>([new DesiredObject(context.ControlPlane, ClaimDatabase.Desired(w), WaitReady: true)]);
        IReadOnlyList<DesiredObject> desired = w.StorageSizeGi is not { } size ? [] :
        [
            new(context.ControlPlane, new V1PersistentVolumeClaim
            {
                ApiVersion = "v1",
                Kind = "PersistentVolumeClaim",
                Metadata = new V1ObjectMeta { Name = Names.StorageClaim(w), NamespaceProperty = w.Namespace, Labels = Names.Labels(w) },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = ["ReadWriteMany"],
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new($"{size}Gi") } },
                },
            }, Keep: w.RetentionPolicy != "Delete"),
        ];
        return Task.FromResult(desired);
    }

    protected override async Task<PersistentOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        if (w.Infrastructure == "claims")
        {
            var (admin, claim, why) = await ClaimDatabase.AdminUrlAsync(context, cancellationToken).ConfigureAwait(false);
            if (admin is null) throw new StepFailedException($"{why}: the infrastructure engine has to fill in its status");
            return new PersistentOutputs("claims", claim!.Status.Endpoint, null, null, w.StorageSizeGi, w.DatabaseSizeGi, w.NetworkCidr, w.ZoneCount,
                claim.Status.Bucket, claim.Status.User, claim.Status.Database);
        }
        var url = AdminDatabase.Url(context);
        var version = url is null ? null : await AdminDatabase.CheckAsync(url, cancellationToken).ConfigureAwait(false);
        return new PersistentOutputs(w.Infrastructure, url?.Server, version, w.StorageSizeGi is null ? null : Names.StorageClaim(w), w.StorageSizeGi, w.DatabaseSizeGi, w.NetworkCidr, w.ZoneCount);
    }
}
