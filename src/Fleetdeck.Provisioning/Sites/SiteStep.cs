using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Sites;

/// <summary>
/// Makes the org's <c>core.posit.team/v1beta1</c> Site (named by the org id, in the org's namespace, owned by the Org)
/// with the requested products enabled, and its workload Secret with <c>main-database-url</c>; reads the Site's
/// <c>Ready</c> condition. The Site kind is found by name in the store's registry, so this step needs no reference to
/// the team operator; a control plane that serves no Site kind makes no Site and says so in the SiteReady condition.
/// </summary>
public sealed class SiteStep(IObjectStore store, ObjectApplier applier) : IOrgSiteStep
{
    public const string SiteKindKey = "sites.core.posit.team";

    public static string WorkloadSecretOf(string orgId) => $"{orgId}-workload";

    private ResourceKind? SiteKind => store.Kinds.FindByKey(SiteKindKey);

    public async Task<SiteObservation> EnsureAsync(Org org, OrgDatabaseAccess access, CancellationToken cancellationToken)
    {
        if (SiteKind is not { } kind) return new SiteObservation(true, "This control plane serves no Site kind (no team operator): the org has no Site");

        var adminUrl = PostgresUrl.ToUrl(new Npgsql.NpgsqlConnectionStringBuilder(access.Admin));
        await applier.ApplyAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = WorkloadSecretOf(org.Id), NamespaceProperty = org.Namespace, Labels = Labels(org) },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["main-database-url"] = Encoding.UTF8.GetBytes(adminUrl) },
        }, org, cancellationToken).ConfigureAwait(false);

        var desired = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(Desired(org, kind), kind.ClrType);
        var site = (await applier.ApplyAsync(desired, org, cancellationToken).ConfigureAwait(false)).Object;
        var url = $"https://{org.Spec.Domain}";
        if (site is not IConditionedObject conditioned) return new SiteObservation(false, "The Site kind has no conditions to read", url);
        var ready = conditioned.Status.Find(Conditions.Ready);
        if (conditioned.IsReady()) return new SiteObservation(true, "Site is ready", url);
        var why = SafeMessages.Sanitize(ready?.Message);
        return new SiteObservation(false, why.Length > 0 ? $"Site not ready: {why}" : "Waiting for the Site to become ready", url);
    }

    public async Task<bool> RemoveAsync(Org org, CancellationToken cancellationToken)
    {
        if (SiteKind is { } kind)
        {
            await applier.DeleteAsync(kind, org.Namespace, org.Id, cancellationToken).ConfigureAwait(false);
            if (await store.GetAsync(kind, org.Namespace, org.Id, cancellationToken).ConfigureAwait(false) is not null) return false;
        }
        await applier.DeleteAsync(store.Kinds.Get<V1Secret>(), org.Namespace, WorkloadSecretOf(org.Id), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The Site as upstream's manifests spell it: domain, workload secret, and <c>enabled</c> per product.</summary>
    internal static JsonObject Desired(Org org, ResourceKind kind)
    {
        var spec = new JsonObject
        {
            ["domain"] = org.Spec.Domain,
            ["secret"] = new JsonObject { ["type"] = "kubernetes", ["vaultName"] = $"{org.Id}-secrets" },
            ["workloadSecret"] = new JsonObject { ["type"] = "kubernetes", ["vaultName"] = WorkloadSecretOf(org.Id) },
        };
        var wanted = org.Spec.Products ?? [];
        foreach (var product in Products.All)
            spec[product] = new JsonObject { ["enabled"] = wanted.Contains(product) };
        return new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = org.Id,
                ["namespace"] = org.Namespace,
                ["labels"] = new JsonObject { [ProvisioningGroup.OrgLabel] = org.Id },
            },
            ["spec"] = spec,
        };
    }

    private static Dictionary<string, string> Labels(Org org) => new() { [ProvisioningGroup.OrgLabel] = org.Id };
}
