using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Databases.Controller;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Databases;

/// <summary>
/// The database provisioner: serves <c>PostgresDatabase</c> and runs its controller. With a main-database fallback
/// (embedded mode, <c>fleetdeck up</c>) a PostgresDatabase without an admin URL uses that server; without one
/// (operator mode) that is an error on the object, as upstream.
/// </summary>
public sealed class DatabasesModule(IMainDatabaseFallback? fallback = null, IPostgresAdmin? admin = null, IPasswordGenerator? passwords = null) : IControlPlaneModule
{
    public const string ControllerName = "postgresdatabases";

    /// <summary>Concurrent reconciles: CREATE DATABASE waits mostly on disk, so a few overlap well even on two cores.</summary>
    public int MaxConcurrency { get; init; } = 4;

    public string Name => "databases";

    public void RegisterKinds(KindRegistry kinds) => kinds.Add(PostgresDatabase.Definition);

    public void AddControllers(ControllerManager manager)
    {
        var cache = manager.Context.Cache;
        var kinds = manager.Kinds;
        var adapter = admin ?? new NpgsqlPostgresAdmin(manager.Context.Loggers.CreateLogger<NpgsqlPostgresAdmin>());
        var kind = kinds.Get<PostgresDatabase>();
        manager.Add(new ControllerDefinition(ControllerName, kind,
            context => new PostgresDatabaseReconciler(context, adapter, fallback, passwords ?? new RandomPasswordGenerator()))
        {
            // A secret a PostgresDatabase reads (password, workload, credentials) wakes it when it changes.
            Watches = [new WatchSource(kinds.Get<V1Secret>(), obj => cache.List<PostgresDatabase>(kinds, obj.Metadata.NamespaceProperty)
                .Where(db => References(db, obj.Metadata.Name))
                .Select(db => ObjectKey.Of(db)))],
            MaxConcurrency = MaxConcurrency,
            UpdatePredicate = Wakes,
        });
    }

    /// <summary>
    /// Our own status writes do not wake the controller (each would cost another catalog inspection): a spec change,
    /// the start of deletion, a rotation request, a finalizer change, or a resync do.
    /// </summary>
    internal static bool Wakes(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current) =>
        Predicates.GenerationChangedOrDeleting(old, current) ||
        Annotation(old) != Annotation(current) ||
        !(old.Metadata.Finalizers ?? []).SequenceEqual(current.Metadata.Finalizers ?? []);

    private static string? Annotation(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.Annotations?.TryGetValue(PostgresDatabase.RotatePasswordAnnotation, out var value) == true ? value : null;

    private static bool References(PostgresDatabase db, string secret) =>
        PasswordSecret.NameOf(db) == secret || db.Spec.WorkloadSecret?.VaultName == secret || db.Spec.MainDbCredentialSecret?.VaultName == secret;
}
