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
internal sealed class SiteReconciler(ControllerContext context, TeamOperatorOptions options, SecretReferences references, AppliedObjects applied) : IReconciler
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
    private readonly OwnedApplier _applier = new(context, applied);
    private readonly RenderMemo<IReadOnlyList<Type>> _memo = new(applied);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var site = context.Cache.Get<Site>(context.Kinds, key.Namespace, key.Name);
        if (site is null || site.Metadata.DeletionTimestamp is not null)
        {
            references.Remove(key);
            _memo.Forget(key);
            return ReconcileResult.Done;
        }
        var ns = site.Metadata.NamespaceProperty ?? "";
        // Only a spec change can leave objects behind that the new spec no longer renders (a first render has none).
        var changedGeneration = site.Status.ObservedGeneration is not null && site.Status.ObservedGeneration != site.Metadata.Generation;
        var vault = site.Spec.Secret is { Type: "kubernetes", VaultName: { Length: > 0 } name } ? name : null;
        references.Set(key, ns, [site.Spec.WorkloadSecret?.VaultName ?? "", vault ?? ""]);

        // What rendering reads besides the spec: the workload secret and vault, the generated vault, the fallback database.
        var memoInputs = $"{options.Fallback?.AdminUrl is not null}|{options.FallbackDatabaseHost()}|" +
                         _memo.VersionsOf(context.Kinds.Get<V1Secret>(), ns, [site.Spec.WorkloadSecret?.VaultName ?? "", vault ?? "", ManagedVault.NameOf(site.Metadata.Name)]);
        if (!changedGeneration && _memo.TryGet(key, site, memoInputs, out var products))
        {
            var missingVault = vault is not null && applied.Versions.VersionOf(context.Kinds.Get<V1Secret>(), ns, vault) is null;
            await WriteStatusAsync(site, missingVault ? ("SecretNotFound", $"Secret {ns}/{vault} (spec.secret.vaultName) not found") : null, products, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

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

        var conflicts = await _applier.ApplyAllAsync(site, rendered.All, cancellationToken).ConfigureAwait(false);
        if (conflicts is null) return ReconcileResult.Done; // deleted meanwhile
        if (changedGeneration) await PruneAsync(site, rendered, cancellationToken).ConfigureAwait(false);
        if (conflicts.Count == 0) _memo.Remember(key, site, memoInputs, [.. rendered.Products.Select(p => p.GetType())], rendered.All, context.Store);
        else _memo.Forget(key);

        (string, string)? problem = conflicts.Count > 0 ? ("UnmanagedObject", string.Join("; ", conflicts))
            : vault is not null && applied.Versions.VersionOf(context.Kinds.Get<V1Secret>(), ns, vault) is null ? ("SecretNotFound", $"Secret {ns}/{vault} (spec.secret.vaultName) not found")
            : null;
        await WriteStatusAsync(site, problem, [.. rendered.Products.Select(p => p.GetType())], cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
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

    private async Task WriteStatusAsync(Site site, (string Reason, string Message)? problem, IReadOnlyList<Type> products, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var generation = site.Metadata.Generation;
        var status = site.Status;
        var before = Core.Serialization.ObjectJson.SerializeToUtf8(status);
        status.ObservedGeneration = generation;
        var enabled = products.ToHashSet();
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
        // Unchanged from what the cache holds: nothing to write (the store is read only when it may differ).
        if (before.AsSpan().SequenceEqual(Core.Serialization.ObjectJson.SerializeToUtf8(status))) return;
        await context.Applier.ApplyStatusAsync(site, cancellationToken).ConfigureAwait(false);
    }
}
