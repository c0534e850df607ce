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
internal sealed class ProductReconciler<T>(ControllerContext context, ProductDefinition<T> definition, TeamOperatorOptions options, SecretReferences references, AppliedObjects applied) : IReconciler
    where T : class, IConditionedObject
{
    private readonly ILogger _logger = context.Loggers.CreateLogger($"Fleetdeck.TeamOperator.{definition.ControllerName}");
    private readonly OwnedApplier _applier = new(context, applied);
    private readonly RenderMemo<RenderedProduct> _memo = new(applied);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var product = context.Cache.Get<T>(context.Kinds, key.Namespace, key.Name);
        if (product is null || product.Metadata.DeletionTimestamp is not null)
        {
            // What it owned goes with it (owner references); nothing to wait for.
            references.Remove(key);
            _memo.Forget(key);
            return ReconcileResult.Done;
        }
        var ns = product.Metadata.NamespaceProperty ?? "";
        var status = (ProductStatus)product.Status;
        // Only a spec change can leave objects behind that the new spec no longer renders (a first render has none).
        var changedGeneration = status.ObservedGeneration is not null && status.ObservedGeneration != product.Metadata.Generation;

        // What rendering reads besides the spec: the generated Secrets, the vault (its values), the fallback database.
        var secrets = context.Kinds.Get<V1Secret>();
        var memoInputs = $"{options.FallbackDatabaseHost()}|{_memo.VersionsOf(secrets, ns, [.. definition.GeneratedSecrets(product), .. VaultOf(product)])}";
        if (!changedGeneration && _memo.TryGet(key, product, memoInputs, out var remembered))
        {
            var (ok, why, said) = Readiness(ns, remembered);
            await WriteStatusAsync(product, ok, why, said, remembered.KeySecret, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

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
        var conflicts = await _applier.ApplyAllAsync(product, rendered.Objects, cancellationToken).ConfigureAwait(false);
        if (conflicts is null) return ReconcileResult.Done; // deleted meanwhile
        if (changedGeneration) await PruneAsync(product, rendered, cancellationToken).ConfigureAwait(false);
        if (conflicts.Count == 0 && !DatabasePasswordRevision.Provided)
            _memo.Remember(key, product, memoInputs, rendered with { Objects = [] }, rendered.Objects, context.Store);
        else
            _memo.Forget(key);

        var (ready, reason, message) = conflicts.Count > 0
            ? (false, "UnmanagedObject", string.Join("; ", conflicts))
            : Readiness(ns, rendered);
        await WriteStatusAsync(product, ready, reason, message, rendered.KeySecret, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private (bool, string, string) Readiness(string ns, RenderedProduct rendered)
    {
        foreach (var (secret, field) in rendered.RequiredSecrets)
            if (applied.Versions.VersionOf(context.Kinds.Get<V1Secret>(), ns, secret) is null)
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
        var before = Core.Serialization.ObjectJson.SerializeToUtf8(status);
        status.ObservedGeneration = product.Metadata.Generation;
        status.Set(Conditions.Ready, ready, reason, message, product.Metadata.Generation, context.Time.GetUtcNow());
        status.Ready = ready;
        if (status is KeyedProductStatus keyed)
            keyed.KeySecretRef = keySecret is null ? null : new V1SecretReference { Name = keySecret, NamespaceProperty = product.Metadata.NamespaceProperty };
        // Unchanged from what the cache holds: nothing to write (the store is read only when it may differ).
        if (before.AsSpan().SequenceEqual(Core.Serialization.ObjectJson.SerializeToUtf8(status))) return;
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
