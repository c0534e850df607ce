using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Databases.Admin;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Databases.Controller;

/// <summary>
/// Reconciles a PostgresDatabase into a role, a database, schemas, grants and a password secret on a real server.
/// Steady state reads and writes nothing but catalog queries: no DDL, no store write. Every failure becomes
/// <c>Ready=False</c> with a specific reason and is retried with backoff.
/// </summary>
internal sealed class PostgresDatabaseReconciler : IReconciler, IFinalizer
{
    private readonly ControllerContext _context;
    private readonly IPostgresAdmin _admin;
    private readonly AdminConnectionResolver _connections;
    private readonly PasswordSecret _passwords;
    private readonly ILogger _logger;

    private readonly SecretDigests _digests;

    /// <summary>Per PostgresDatabase (uid): the digest of the password known to be its role's, so it is checked at most once per process.</summary>
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    public PostgresDatabaseReconciler(ControllerContext context, IPostgresAdmin admin, IMainDatabaseFallback? fallback, IPasswordGenerator generator, SecretDigests? digests = null)
    {
        _digests = digests ?? new SecretDigests();
        _context = context;
        _admin = admin;
        _connections = new AdminConnectionResolver(context.Store, fallback);
        _passwords = new PasswordSecret(context.Store, generator);
        _logger = context.Loggers.CreateLogger("Fleetdeck.Databases");
    }

    public string Name => PostgresDatabase.Finalizer;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var db = _context.Cache.Get<PostgresDatabase>(_context.Kinds, key.Namespace, key.Name);
        if (db is null) return ReconcileResult.Done;

        var finalizing = await Finalizers.HandleAsync(_context.Store, db, this, cancellationToken).ConfigureAwait(false);
        if (finalizing.Stop)
        {
            if (finalizing.Result is { Completed: false } blocked && finalizing.Object is { } still)
            {
                await SetReadyAsync(still, false, blocked.Reason!, blocked.Message!, cancellationToken).ConfigureAwait(false);
                return blocked.RetryAfter is { } after ? ReconcileResult.After(after) : ReconcileResult.Retry;
            }
            return ReconcileResult.Done;
        }
        db = finalizing.Object!;

        var problem = await ProvisionAsync(db, cancellationToken).ConfigureAwait(false);
        if (problem is null) return ReconcileResult.Done;
        await SetReadyAsync(db, false, problem.Reason, problem.Message, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Retry;
    }

    /// <summary>Provisions; returns null when ready (status written), or what is wrong.</summary>
    private async Task<Problem?> ProvisionAsync(PostgresDatabase db, CancellationToken cancellationToken)
    {
        if (!PostgresUrl.TryParse(db.Spec.Url, out var target, out var bad))
            return new Problem(Reasons.InvalidSpec, $"spec.url {bad}");
        var (admin, problem) = await _connections.ResolveAsync(db, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;
        if (!target.SameServer(admin!))
            return new Problem(Reasons.HostMismatch, $"spec.url names server {target.Server} but the admin connection is to {admin!.Server}; the hosts must match");
        if (string.Equals(target.User, admin!.User, StringComparison.Ordinal))
            return new Problem(Reasons.RoleIsAdmin, $"role \"{target.User}\" is the admin user itself; give the database a role of its own");

        var rotation = db.Metadata.Annotations?.TryGetValue(PostgresDatabase.RotatePasswordAnnotation, out var requested) == true && !string.IsNullOrEmpty(requested)
            && requested != db.Status.PasswordRotation ? requested : null;
        var (secret, secretProblem) = await _passwords.GetOrCreateAsync(db, rotate: rotation is not null, cancellationToken).ConfigureAwait(false);
        if (secretProblem is not null) return secretProblem;
        if (rotation is not null)
        {
            // Recorded at once, so a failure below does not rotate again on every retry: the new password is in the
            // secret, and the secret's changed version makes the next reconcile set it on the role.
            db.Status.PasswordRotation = rotation;
            db = await _context.Applier.ApplyStatusAsync(db, cancellationToken).ConfigureAwait(false);
        }

        // Our own write of the secret is no news to the secret watch.
        _digests.Changed(secret!.Secret, db.Spec.SecretPasswordKey!);
        var plan = new DatabasePlan(target.User, target.Database, db.Spec.Schemas ?? [], db.Spec.Extensions ?? []);
        var uid = db.Metadata.Uid ?? "";
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Password)));
        try
        {
            // The secret is the source of truth: a password that may have been written there by someone else (the secret
            // changed since the role's password was set, and this process has not seen it work) is tried once, and set
            // on the role if it does not work. Other keys of a shared secret change its version too: hence the digest.
            var reset = secret.Changed;
            if (!reset && _verified.GetValueOrDefault(uid) != digest && secret.Secret.Metadata.ResourceVersion != db.Status.PasswordSecretVersion)
                reset = !await _admin.CanLogInAsync(admin, plan.Role, secret.Password, plan.Database, cancellationToken).ConfigureAwait(false);

            var outcome = await _admin.ProvisionAsync(admin, plan, new RolePassword(secret.Password, reset), cancellationToken).ConfigureAwait(false);
            if (outcome.Changed)
                _logger.LogInformation("PostgresDatabase {Namespace}/{Name}: {Count} statements on {Server}{Rotated}", db.Metadata.NamespaceProperty, db.Metadata.Name,
                    outcome.Statements.Count, admin.Server, rotation is null ? "" : " (password rotated)");

            _verified[uid] = digest;
            if (outcome.PasswordSet)
            {
                db.Status.PasswordRevision = (db.Status.PasswordRevision ?? 0) + 1;
                db.Status.PasswordSecretVersion = secret.Secret.Metadata.ResourceVersion;
            }
        }
        catch (PostgresAdminException e)
        {
            return new Problem(e.Reason, e.Message);
        }

        var policy = db.Spec.Teardown?.Drop == true
            ? "on delete the database and role are dropped (teardown.drop)"
            : "on delete the database and role are kept (Retain; set teardown.drop: true to drop them)";
        await SetReadyAsync(db, true, Reasons.Provisioned,
            $"role \"{plan.Role}\" owns database \"{plan.Database}\" on {admin.Server}{(plan.Schemas.Count == 0 ? "" : $" with schemas {string.Join(", ", plan.Schemas)}")}; {policy}",
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<FinalizeResult> FinalizeAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
    {
        var db = (PostgresDatabase)obj;
        var where = $"PostgresDatabase {db.Metadata.NamespaceProperty}/{db.Metadata.Name}";
        if (db.Spec.Teardown?.Drop != true)
        {
            await _passwords.ReleaseAsync(db, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Object} deleted; its database, role and password secret are retained (teardown.drop is not set)", where);
            return FinalizeResult.Done;
        }
        if (!PostgresUrl.TryParse(db.Spec.Url, out var target, out _)) return FinalizeResult.Done; // nothing was ever provisioned for it
        var (admin, problem) = await _connections.ResolveAsync(db, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
            return FinalizeResult.Blocked(problem.Reason, $"cannot drop database \"{target.Database}\": {problem.Message}");
        if (!target.SameServer(admin!) || target.User == admin!.User)
            return FinalizeResult.Blocked(Reasons.HostMismatch, $"cannot drop database \"{target.Database}\": the admin connection is not for {target.Server} or is the role itself");
        try
        {
            var dropped = await _admin.DropAsync(admin, target.User, target.Database, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Object} deleted with teardown.drop: {Statements}", where, dropped.Count == 0 ? "nothing left to drop" : string.Join("; ", dropped));
            return FinalizeResult.Done;
        }
        catch (PostgresAdminException e)
        {
            var message = e.Reason == AdminFailure.RoleInUse
                ? $"role \"{target.User}\" was not dropped: it still owns objects elsewhere ({e.Message}); reassign or drop them and deletion completes"
                : e.Message;
            return FinalizeResult.Blocked(e.Reason, message);
        }
    }

    private async Task SetReadyAsync(PostgresDatabase db, bool ready, string reason, string message, CancellationToken cancellationToken)
    {
        db.Status.ObservedGeneration = db.Metadata.Generation;
        db.Status.Set(Conditions.Ready, ready, reason, message, db.Metadata.Generation, _context.Time.GetUtcNow());
        if (!ready) _logger.LogWarning("PostgresDatabase {Namespace}/{Name} not ready: {Reason}: {Message}", db.Metadata.NamespaceProperty, db.Metadata.Name, reason, message);
        await _context.Applier.ApplyStatusAsync(db, cancellationToken).ConfigureAwait(false);
    }
}
