using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// Applies what an owner renders: all at once (their writes share the store's commits), skipping objects known to be
/// as wanted, and only once the owner is confirmed to still exist (the cache may hold an owner just deleted, whose
/// new objects would be orphans). Objects we do not manage are reported, never changed.
/// </summary>
internal sealed class OwnedApplier(ControllerContext context, AppliedObjects applied)
{
    /// <summary>Applies every object; returns the conflicts with unmanaged objects, or null when the owner is gone.</summary>
    public async Task<List<string>?> ApplyAllAsync(IKubernetesObject<V1ObjectMeta> owner, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, CancellationToken cancellationToken)
    {
        var pending = new List<(IKubernetesObject<V1ObjectMeta> Desired, ResourceKind Kind, byte[] Fingerprint)>();
        foreach (var obj in objects)
        {
            var kind = context.Store.KindOf(obj);
            var fingerprint = AppliedObjects.Fingerprint(obj, owner.Metadata.Uid);
            if (!applied.IsCurrent(kind, obj, fingerprint)) pending.Add((obj, kind, fingerprint));
        }
        if (pending.Count == 0) return [];

        var ownerKind = context.Store.KindOf(owner);
        if (await context.Store.GetAsync(ownerKind, owner.Metadata.NamespaceProperty, owner.Metadata.Name, cancellationToken).ConfigureAwait(false) is not { } current ||
            current.Metadata.Uid != owner.Metadata.Uid || current.Metadata.DeletionTimestamp is not null)
            return null;

        var results = await Task.WhenAll(pending.Select(p => ApplyAsync(p.Desired, p.Kind, p.Fingerprint, owner, cancellationToken))).ConfigureAwait(false);
        return [.. results.Where(r => r is not null).Select(r => r!)];
    }

    private async Task<string?> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, ResourceKind kind, byte[] fingerprint, IKubernetesObject<V1ObjectMeta> owner, CancellationToken cancellationToken)
    {
        try
        {
            // Our own kinds (products, databases) are applied exactly: a field dropped from the desired spec goes.
            var exact = desired is IConditionedObject && kind.Group == TeamKinds.Group;
            var result = exact
                ? await ExactApplier.ApplyAsync(context, desired, owner, cancellationToken).ConfigureAwait(false)
                : await context.Applier.ApplyAsync(desired, owner, cancellationToken).ConfigureAwait(false);
            applied.Record(kind, result.Object, fingerprint);
            return null;
        }
        catch (UnmanagedObjectException e)
        {
            applied.Forget(kind, desired);
            return e.Message;
        }
    }
}
