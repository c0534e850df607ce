using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Controllers;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>
/// The Site controller: finds the main database, renders the Site, applies its objects and one product object per
/// enabled product (each owned by the Site), removes what it no longer renders (disabled products included), and
/// reports Ready when every enabled product is Ready, with a condition per product.
/// </summary>
internal sealed class SiteReconciler(ControllerContext context, TeamOperatorOptions options, SecretReferences references) : IReconciler
{
    /// <summary>Product kinds and their per-product condition on the Site.</summary>
    public static readonly (Type Type, string Condition)[] Products =
    [
        (typeof(Api.Flightdeck), "FlightdeckReady"),
        (typeof(Api.Connect), "ConnectReady"),
        (typeof(Api.PackageManager), "PackageManagerReady"),
        (typeof(Api.Workbench), "WorkbenchReady"),
        (typeof(Api.Chronicle), "ChronicleReady"),
    ];

    /// <summary>Kinds a Site makes itself (besides products), for removing what it no longer renders.</summary>
    public static readonly Type[] SiteOwnedTypes =
    [
        typeof(V1Secret), typeof(V1PersistentVolume), typeof(V1PersistentVolumeClaim), typeof(V1ConfigMap), typeof(V1Job), typeof(V1DaemonSet),
        typeof(V1NetworkPolicy), typeof(V1ServiceAccount), typeof(V1Deployment), typeof(V1Ingress), typeof(PostgresDatabase),
        typeof(Api.ThirdParty.Keycloak), typeof(Api.ThirdParty.SecretProviderClass), typeof(Api.ThirdParty.TraefikMiddleware),
    ];

    private readonly ILogger _logger = context.Loggers.CreateLogger("Fleetdeck.TeamOperator.Sites");

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var site = context.Cache.Get<Site>(context.Kinds, key.Namespace, key.Name);
        if (site is null || site.Metadata.DeletionTimestamp is not null)
        {
            references.Remove(key);
            return ReconcileResult.Done;
        }
        var ns = site.Metadata.NamespaceProperty ?? "";
        var firstLookAtGeneration = site.Status.ObservedGeneration != site.Metadata.Generation;
        var vault = site.Spec.Secret is { Type: "kubernetes", VaultName: { Length: > 0 } name } ? name : null;
        references.Set(key, ns, [site.Spec.WorkloadSecret?.VaultName ?? "", vault ?? ""]);

        var database = MainDatabaseSource.Find(site, context.Cache, context.Kinds, options.Fallback);
        if (database.Database is null)
        {
            await WriteStatusAsync(site, (database.Reason, database.Message), [], cancellationToken).ConfigureAwait(false);
            return database.Retry ? ReconcileResult.After(TimeSpan.FromSeconds(2)) : ReconcileResult.Done;
        }

        var generated = site.Spec.Secret is null || (string.IsNullOrEmpty(site.Spec.Secret.Type) && string.IsNullOrEmpty(site.Spec.Secret.VaultName) && string.IsNullOrEmpty(site.Spec.SecretType))
            ? [ManagedVault.NameOf(site.Metadata.Name)]
            : Array.Empty<string>();
        var inputs = await ClusterRenderInputs.LoadAsync(context, ns, generated, options.Keys, DatabasePasswordRevision.Of, cancellationToken).ConfigureAwait(false);
        Sites.RenderedSite rendered;
        try
        {
            rendered = new SiteRenderer(inputs).Render(site, database.Database);
        }
        catch (RenderException e)
        {
            await WriteStatusAsync(site, (e.Reason, e.Message), [], cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        // The cache may still hold a Site just deleted: what we made for it now would be orphaned (until collected).
        if (await context.Store.GetAsync(context.Kinds.Get<Site>(), key.Namespace, key.Name, cancellationToken).ConfigureAwait(false) is not { } current ||
            current.Metadata.Uid != site.Metadata.Uid || current.Metadata.DeletionTimestamp is not null)
            return ReconcileResult.Done;

        var conflicts = new List<string>();
        foreach (var obj in rendered.Objects)
            await ApplyAsync(obj, site, exact: obj is PostgresDatabase, conflicts, cancellationToken).ConfigureAwait(false);
        foreach (var product in rendered.Products)
            await ApplyAsync(product, site, exact: true, conflicts, cancellationToken).ConfigureAwait(false);
        if (firstLookAtGeneration) await PruneAsync(site, rendered, cancellationToken).ConfigureAwait(false);

        (string, string)? problem = conflicts.Count > 0 ? ("UnmanagedObject", string.Join("; ", conflicts))
            : vault is not null && context.Cache.Get<V1Secret>(context.Kinds, ns, vault) is null ? ("SecretNotFound", $"Secret {ns}/{vault} (spec.secret.vaultName) not found")
            : null;
        await WriteStatusAsync(site, problem, rendered.Products, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task ApplyAsync(IKubernetesObject<V1ObjectMeta> obj, Site site, bool exact, List<string> conflicts, CancellationToken cancellationToken)
    {
        try
        {
            if (exact) await ExactApplier.ApplyAsync(context, obj, site, cancellationToken).ConfigureAwait(false);
            else await context.Applier.ApplyAsync(obj, site, cancellationToken).ConfigureAwait(false);
        }
        catch (UnmanagedObjectException e)
        {
            conflicts.Add(e.Message);
        }
    }

    /// <summary>Deletes what the Site owns and no longer renders: disabled products, policies, Keycloak, old Jobs; and upstream's legacy <c>-home</c> volumes.</summary>
    private async Task PruneAsync(Site site, Sites.RenderedSite rendered, CancellationToken cancellationToken)
    {
        var ns = site.Metadata.NamespaceProperty;
        var wanted = rendered.All.Select(o => (o.Kind, o.Metadata.Name)).ToHashSet();
        foreach (var (type, _) in Products)
        {
            var kind = context.Kinds.Get(type);
            var product = context.Cache.Get(kind, new ObjectKey(ns, site.Metadata.Name));
            if (product is null || wanted.Contains((kind.Kind, product.Metadata.Name)) || OwnerReferences.GetController(product)?.Uid != site.Metadata.Uid) continue;
            if (await context.Applier.DeleteAsync(kind, ns, product.Metadata.Name, cancellationToken).ConfigureAwait(false))
                _logger.LogInformation("{Kind} {Namespace}/{Name} deleted: disabled in its Site", kind.Kind, ns, product.Metadata.Name);
        }

        var selector = LabelSelector.Parse($"{Rendering.Component.SiteLabel}={site.Metadata.Name}");
        foreach (var type in SiteOwnedTypes)
        {
            var kind = context.Kinds.Get(type);
            foreach (var owned in context.Cache.List(kind, ns, selector))
            {
                if (OwnerReferences.GetController(owned)?.Uid != site.Metadata.Uid || wanted.Contains((kind.Kind, owned.Metadata.Name))) continue;
                if (await context.Applier.DeleteAsync(kind, owned.Metadata.NamespaceProperty, owned.Metadata.Name, cancellationToken).ConfigureAwait(false))
                    _logger.LogInformation("{Kind} {Name} deleted: Site {Namespace}/{Site} no longer renders it", kind.Kind, owned.Metadata.Name, ns, site.Metadata.Name);
            }
        }

        // Upstream's earlier releases kept home directories on "<site>-home"; only ours (managed) are removed.
        await context.Applier.DeleteAsync(context.Kinds.Get<V1PersistentVolumeClaim>(), ns, $"{site.Metadata.Name}-home", cancellationToken).ConfigureAwait(false);
        await context.Applier.DeleteAsync(context.Kinds.Get<V1PersistentVolume>(), null, $"{site.Metadata.Name}-home", cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteStatusAsync(Site site, (string Reason, string Message)? problem, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> products, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var generation = site.Metadata.Generation;
        var status = site.Status;
        status.ObservedGeneration = generation;
        var enabled = products.Select(p => p.GetType()).ToHashSet();
        (string Reason, string Message)? firstNotReady = null;
        foreach (var (type, condition) in Products)
        {
            if (!enabled.Contains(type) || problem is not null && products.Count == 0)
            {
                status.Remove(condition);
                continue;
            }
            var kind = context.Kinds.Get(type);
            var product = context.Cache.Get(kind, new ObjectKey(site.Metadata.NamespaceProperty, site.Metadata.Name)) as IConditionedObject;
            var ready = product?.Status.Find(Conditions.Ready);
            var isReady = product is not null && product.IsReady();
            var message = product is null ? $"{kind.Kind} {site.Metadata.Name} is being created"
                : ready is null || ready.ObservedGeneration != product.Metadata.Generation ? $"{kind.Kind} {site.Metadata.Name}: not reconciled yet"
                : $"{kind.Kind} {site.Metadata.Name}: {ready.Message}";
            var reason = isReady ? "Ready" : ready?.Reason is { Length: > 0 } r && ready.ObservedGeneration == product?.Metadata.Generation ? r : "Pending";
            status.Set(condition, isReady, reason, message, generation, now);
            if (!isReady) firstNotReady ??= ($"{kind.Kind}NotReady", message);
        }

        var (allReady, summaryReason, summary) = problem is { } p ? (false, p.Reason, p.Message)
            : firstNotReady is { } n ? (false, n.Reason, n.Message)
            : (true, "AllProductsReady", $"{products.Count} products ready");
        status.Set(Conditions.Ready, allReady, summaryReason, summary, generation, now);
        await context.Applier.ApplyStatusAsync(site, cancellationToken).ConfigureAwait(false);
    }
}
