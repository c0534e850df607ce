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
        manager.NewController(ControllerName)
            .For<PostgresDatabase>()
            // A secret a PostgresDatabase reads (password, workload, credentials) wakes it when it changes.
            .Watches<V1Secret>(secret => cache.List<PostgresDatabase>(kinds, secret.Metadata.NamespaceProperty)
                .Where(db => References(db, secret.Metadata.Name))
                .Select(db => ObjectKey.Of(db)))
            .WithMaxConcurrency(MaxConcurrency)
            .Complete(context => new PostgresDatabaseReconciler(context, adapter, fallback, passwords ?? new RandomPasswordGenerator()));
    }

    private static bool References(PostgresDatabase db, string secret) =>
        PasswordSecret.NameOf(db) == secret || db.Spec.WorkloadSecret?.VaultName == secret || db.Spec.MainDbCredentialSecret?.VaultName == secret;
}
