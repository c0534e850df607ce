using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// One product kind's reconcile: render the object, apply what it renders (owned by it, written only on a real
/// difference), remove what it no longer renders, and report a <c>Ready</c> condition that tracks the present:
/// Ready when every Secret its pods read exists, its database is Ready and its workloads are available.
/// </summary>
internal sealed class ProductReconciler<T>(ControllerContext context, ProductDefinition<T> definition, TeamOperatorOptions options, SecretReferences references) : IReconciler
    where T : class, IConditionedObject
{
    private readonly ILogger _logger = context.Loggers.CreateLogger($"Fleetdeck.TeamOperator.{definition.ControllerName}");

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var product = context.Cache.Get<T>(context.Kinds, key.Namespace, key.Name);
        if (product is null || product.Metadata.DeletionTimestamp is not null)
        {
            // What it owned goes with it (owner references); nothing to wait for.
            references.Remove(key);
            return ReconcileResult.Done;
        }
        var ns = product.Metadata.NamespaceProperty ?? "";
        var status = (ProductStatus)product.Status;
        var firstLookAtGeneration = status.ObservedGeneration != product.Metadata.Generation;

        var inputs = await ClusterRenderInputs.LoadAsync(context, ns, definition.GeneratedSecrets(product), options.Keys, DatabasePasswordRevision.Of, cancellationToken).ConfigureAwait(false);
        RenderedProduct rendered;
        try
        {
            rendered = definition.Render(product, inputs, new RenderOptions { FallbackDatabaseHost = options.FallbackDatabaseHost() });
        }
        catch (RenderException e)
        {
            // A vault value that is missing may arrive: listen for the vault.
            references.Set(key, ns, VaultOf(product));
            await WriteStatusAsync(product, false, e.Reason, e.Message, null, cancellationToken).ConfigureAwait(false);
            return e.Reason == "DatabaseHostMissing" && options.Fallback is not null ? ReconcileResult.After(TimeSpan.FromSeconds(2)) : ReconcileResult.Done;
        }
        references.Set(key, ns, [.. rendered.RequiredSecrets.Select(s => s.Name), .. VaultOf(product)]);
        // The cache may still hold a product just deleted: what we made for it now would be orphaned (until collected).
        if (await context.Store.GetAsync(context.Kinds.Get<T>(), key.Namespace, key.Name, cancellationToken).ConfigureAwait(false) is not { } current ||
            current.Metadata.Uid != product.Metadata.Uid || current.Metadata.DeletionTimestamp is not null)
            return ReconcileResult.Done;

        var conflicts = new List<string>();
        foreach (var obj in rendered.Objects)
        {
            try
            {
                if (obj is PostgresDatabase) await ExactApplier.ApplyAsync(context, obj, product, cancellationToken).ConfigureAwait(false);
                else await context.Applier.ApplyAsync(obj, product, cancellationToken).ConfigureAwait(false);
            }
            catch (UnmanagedObjectException e)
            {
                conflicts.Add(e.Message);
            }
        }
        if (firstLookAtGeneration) await PruneAsync(product, rendered, cancellationToken).ConfigureAwait(false);

        var (ready, reason, message) = conflicts.Count > 0
            ? (false, "UnmanagedObject", string.Join("; ", conflicts))
            : Readiness(ns, rendered);
        await WriteStatusAsync(product, ready, reason, message, rendered.KeySecret, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private (bool, string, string) Readiness(string ns, RenderedProduct rendered)
    {
        foreach (var (secret, field) in rendered.RequiredSecrets)
            if (context.Cache.Get<V1Secret>(context.Kinds, ns, secret) is null)
                return (false, "SecretNotFound", $"Secret {ns}/{secret} ({field}) not found");
        if (rendered.Database is { } database)
        {
            var db = context.Cache.Get<PostgresDatabase>(context.Kinds, ns, database);
            if (db is null || !db.IsReady())
            {
                var condition = db?.Status.Find(Conditions.Ready);
                var why = condition is null ? "not provisioned yet" : $"{condition.Reason}: {condition.Message}";
                return (false, "DatabaseNotReady", $"PostgresDatabase {database}: {why}");
            }
        }
        var messages = new List<string>();
        foreach (var (kind, name) in rendered.Workloads)
        {
            var (available, message) = WorkloadStatus.Check(context.Cache, context.Kinds, ns, kind, name);
            if (!available) return (false, "WorkloadNotAvailable", message);
            messages.Add(message);
        }
        return (true, "Available", string.Join("; ", messages));
    }

    /// <summary>Deletes objects this product owns but no longer renders (an Ingress without a URL, a switched secret backend).</summary>
    private async Task PruneAsync(T product, RenderedProduct rendered, CancellationToken cancellationToken)
    {
        var wanted = rendered.Objects.Select(o => (o.Kind, o.Metadata.Name)).ToHashSet();
        var selector = LabelSelector.Parse($"{Rendering.Component.SiteLabel}={product.Metadata.Name}");
        foreach (var type in definition.OwnedTypes)
        {
            var kind = context.Kinds.Get(type);
            foreach (var owned in context.Cache.List(kind, product.Metadata.NamespaceProperty, selector))
            {
                if (OwnerReferences.GetController(owned)?.Uid != product.Metadata.Uid || wanted.Contains((kind.Kind, owned.Metadata.Name))) continue;
                if (await context.Applier.DeleteAsync(kind, owned.Metadata.NamespaceProperty, owned.Metadata.Name, cancellationToken).ConfigureAwait(false))
                    _logger.LogInformation("{Kind} {Namespace}/{Name} deleted: {Product} {ProductName} no longer renders it", kind.Kind, owned.Metadata.NamespaceProperty, owned.Metadata.Name, product.Kind, product.Metadata.Name);
            }
        }
    }

    private async Task WriteStatusAsync(T product, bool ready, string reason, string message, string? keySecret, CancellationToken cancellationToken)
    {
        var status = (ProductStatus)product.Status;
        status.ObservedGeneration = product.Metadata.Generation;
        status.Set(Conditions.Ready, ready, reason, message, product.Metadata.Generation, context.Time.GetUtcNow());
        status.Ready = ready;
        if (status is KeyedProductStatus keyed)
            keyed.KeySecretRef = keySecret is null ? null : new V1SecretReference { Name = keySecret, NamespaceProperty = product.Metadata.NamespaceProperty };
        await context.Applier.ApplyStatusAsync(product, cancellationToken).ConfigureAwait(false);
    }

    private static string[] VaultOf(T product) => product switch
    {
        Api.Connect c => Vault(c.Spec),
        Api.Workbench w => Vault(w.Spec),
        Api.PackageManager p => Vault(p.Spec),
        _ => [],
    };

    private static string[] Vault(ProductSpecBase spec) =>
        spec.EffectiveSecretType == "kubernetes" && !string.IsNullOrEmpty(spec.Secret?.VaultName) ? [spec.Secret.VaultName] : [];
}
