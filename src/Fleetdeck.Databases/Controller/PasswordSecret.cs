using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Controller;

/// <summary>
/// The role's password in its Kubernetes Secret (<c>spec.secret.vaultName</c>, or <c>spec.secretVault</c>; key
/// <c>spec.secretPasswordKey</c>). A missing password is generated and written, so a fresh Site needs no manual step.
/// Fleetdeck writes only Secrets it manages (created by it, or labelled managed-by fleetdeck); each PostgresDatabase
/// writing a key adds itself as an owner, so a Secret shared by several goes only with the last of them.
/// </summary>
internal sealed class PasswordSecret(IObjectStore store, IPasswordGenerator generator)
{
    public sealed record Value(string Password, V1Secret Secret, bool Changed);

    public static string NameOf(PostgresDatabase db) =>
        db.Spec.Secret?.VaultName is { Length: > 0 } name ? name : db.Spec.SecretVault ?? "";

    public async Task<(Value? Value, Problem? Problem)> GetOrCreateAsync(PostgresDatabase db, bool rotate, CancellationToken cancellationToken)
    {
        if (SecretValues.Unsupported("spec.secret", db.Spec.Secret?.Type) is { } unsupported) return (null, unsupported);
        var name = NameOf(db);
        var key = db.Spec.SecretPasswordKey!;
        var ns = db.Metadata.NamespaceProperty;
        var secret = await store.GetAsync<V1Secret>(ns, name, cancellationToken).ConfigureAwait(false);
        var current = SecretValues.Get(secret, key)?.Trim();
        if (!string.IsNullOrEmpty(current) && !rotate) return (new Value(current, secret!, false), null);

        if (secret is not null && !ManagedBy.IsManaged(secret))
            return (null, new Problem(Reasons.PasswordSecretNotManaged, rotate
                ? $"cannot rotate: secret \"{name}\" is not managed by Fleetdeck (label {ManagedBy.Label}={ManagedBy.Fleetdeck}); write a new password to its key \"{key}\" and the role follows it"
                : $"secret \"{name}\" has no key \"{key}\" and is not managed by Fleetdeck (label {ManagedBy.Label}={ManagedBy.Fleetdeck}); add the key, or let Fleetdeck create the secret"));

        var password = generator.NewPassword();
        var owner = OwnerReferences.ControllerReference(db);
        owner.Controller = false; // shared vaults: every PostgresDatabase writing a key owns the secret alike
        if (secret is null)
        {
            secret = new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string> { [ManagedBy.Label] = ManagedBy.Fleetdeck },
                    OwnerReferences = [owner],
                },
                Type = "Opaque",
                Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(password) },
            };
            return (new Value(password, await store.CreateAsync(secret, cancellationToken).ConfigureAwait(false), true), null);
        }

        secret.Data ??= new Dictionary<string, byte[]>();
        secret.Data[key] = Encoding.UTF8.GetBytes(password);
        secret.StringData?.Remove(key);
        if (secret.Metadata.OwnerReferences?.Any(r => r.Uid == owner.Uid) != true)
            secret.Metadata.OwnerReferences = [.. secret.Metadata.OwnerReferences ?? [], owner];
        return (new Value(password, await store.UpdateAsync(secret, cancellationToken).ConfigureAwait(false), true), null);
    }

    /// <summary>Keeps the secret when its database is retained: this PostgresDatabase stops owning it.</summary>
    public async Task ReleaseAsync(PostgresDatabase db, CancellationToken cancellationToken)
    {
        var name = NameOf(db);
        if (name.Length == 0) return;
        await store.MutateAsync<V1Secret>(db.Metadata.NamespaceProperty, name, secret =>
        {
            var owners = secret.Metadata.OwnerReferences;
            if (!ManagedBy.IsManaged(secret) || owners?.Any(r => r.Uid == db.Metadata.Uid) != true) return false;
            secret.Metadata.OwnerReferences = [.. owners.Where(r => r.Uid != db.Metadata.Uid)];
            return true;
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
