using k8s;
using k8s.Models;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// Applies objects of kinds whose defaults we know (product objects, PostgresDatabases): after the usual apply, a live
/// spec that still holds fields the desired one dropped is replaced, so removing a field from a Site removes it from
/// its products. (The general applier keeps extra live spec fields, because an API server adds defaults there.)
/// </summary>
internal static class ExactApplier
{
    public static async Task<ApplyResult<T>> ApplyAsync<T>(ControllerContext context, T desired, IKubernetesObject<V1ObjectMeta> owner, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var result = await context.Applier.ApplyAsync(desired, owner, cancellationToken).ConfigureAwait(false);
        if (result.Action != ApplyAction.Unchanged) return result;

        var kind = context.Kinds.Find(typeof(T)) ?? context.Store.KindOf(desired);
        var defaulted = ObjectJson.Clone(desired);
        kind.Admission?.Default(defaulted);
        var wanted = ObjectJson.ToNode(defaulted)["spec"];
        if (JsonCompare.DeepEquals(wanted, ObjectJson.ToNode(result.Object)["spec"])) return result;

        // The cache may be behind: compare with the store before writing.
        var live = (T?)await context.Store.GetAsync(kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name, cancellationToken).ConfigureAwait(false);
        if (live is null) return result;
        var liveNode = ObjectJson.ToNode(live);
        if (JsonCompare.DeepEquals(wanted, liveNode["spec"])) return new ApplyResult<T>(live, ApplyAction.Unchanged);
        liveNode["spec"] = wanted?.DeepClone();
        var updated = (T)await context.Store.UpdateAsync((IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(liveNode, kind.ClrType), cancellationToken).ConfigureAwait(false);
        return new ApplyResult<T>(updated, ApplyAction.Updated);
    }
}
