using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Modules;
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
        var digests = new SecretDigests();
        manager.Add(new ControllerDefinition(ControllerName, kind,
            context => new PostgresDatabaseReconciler(context, adapter, fallback, passwords ?? new RandomPasswordGenerator(), digests))
        {
            // A secret a PostgresDatabase reads (password, workload, credentials) wakes it when a key it reads changes.
            Writes = [kinds.Get<V1Secret>()], // generated passwords
            Watches = [new WatchSource(kinds.Get<V1Secret>(), obj => Affected(cache.List<PostgresDatabase>(kinds, obj.Metadata.NamespaceProperty), (V1Secret)obj, digests))],
            MaxConcurrency = MaxConcurrency,
            UpdatePredicate = Wakes,
        });
    }

    /// <summary>
    /// Our own writes (status, the finalizer) do not wake the controller (each would cost another catalog inspection):
    /// a spec change, the start of deletion, a rotation request, or a resync do.
    /// </summary>
    internal static bool Wakes(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current) =>
        Predicates.GenerationChangedOrDeleting(old, current) ||
        Annotation(old) != Annotation(current);

    private static string? Annotation(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.Annotations?.TryGetValue(PostgresDatabase.RotatePasswordAnnotation, out var value) == true ? value : null;

    /// <summary>The PostgresDatabases reading a key of <paramref name="secret"/> whose value changed since it was last seen.</summary>
    internal static IEnumerable<ObjectKey> Affected(IReadOnlyList<PostgresDatabase> databases, V1Secret secret, SecretDigests digests)
    {
        if (digests.IsStale(secret)) return [];
        var name = secret.Metadata.Name;
        var keys = new Dictionary<string, List<PostgresDatabase>>(StringComparer.Ordinal);
        foreach (var db in databases)
        {
            if (PasswordSecret.NameOf(db) == name && db.Spec.SecretPasswordKey is { } passwordKey) Add(passwordKey, db);
            if (db.Spec.WorkloadSecret?.VaultName == name) Add(AdminConnectionResolver.UrlKey, db);
            if (db.Spec.MainDbCredentialSecret?.VaultName == name)
            {
                Add("username", db);
                Add("password", db);
            }
        }
        // Every key is recorded (no short-circuit), so the next event compares against this one.
        var changed = keys.Where(k => digests.Changed(secret, k.Key)).SelectMany(k => k.Value).ToList();
        return changed.Select(ObjectKey.Of).Distinct();

        void Add(string key, PostgresDatabase db)
        {
            if (!keys.TryGetValue(key, out var list)) keys[key] = list = [];
            list.Add(db);
        }
    }
}
