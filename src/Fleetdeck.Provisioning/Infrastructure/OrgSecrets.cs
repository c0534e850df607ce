using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>Secrets in an org's namespace: made once with a generated value, then only read (a steady state writes nothing).</summary>
internal static class OrgSecrets
{
    /// <summary>The org role's credentials (<c>username</c>, <c>password</c>), made on first use.</summary>
    public const string DatabaseSecret = "org-database";

    /// <summary>Marks the password as set on the server, so a crash between making it and setting it is noticed.</summary>
    public const string AppliedAnnotation = "provisioning.fleetdeck.dev/password-applied";

    /// <summary>The org role's password, and whether the server is known to have it.</summary>
    public static async Task<(string Password, bool Applied)> EnsurePasswordAsync(IObjectStore store, ObjectApplier applier, Org org, string username, Func<string> generate, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync<V1Secret>(org.Namespace, DatabaseSecret, cancellationToken).ConfigureAwait(false);
        if (existing?.Data?.TryGetValue("password", out var bytes) == true && bytes.Length > 0)
            return (Encoding.UTF8.GetString(bytes), existing.Metadata.Annotations?.ContainsKey(AppliedAnnotation) == true);
        var password = generate();
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = DatabaseSecret, NamespaceProperty = org.Namespace, Labels = new Dictionary<string, string> { [ProvisioningGroup.OrgLabel] = org.Id } },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["username"] = Encoding.UTF8.GetBytes(username), ["password"] = Encoding.UTF8.GetBytes(password) },
        };
        if (existing is null)
        {
            // Create, never overwrite: a password another replica generated and may already have set on the server is kept.
            OwnerReferences.SetController(secret, org);
            secret.Metadata.Labels[ManagedBy.Label] = ManagedBy.Fleetdeck;
            try
            {
                await store.CreateAsync(secret, cancellationToken).ConfigureAwait(false);
            }
            catch (AlreadyExistsException)
            {
                // another replica won
            }
        }
        else
        {
            // The secret exists without a password (edited by hand): fill it in, on its current version only.
            await applier.ApplyAsync(secret, org, cancellationToken).ConfigureAwait(false);
        }
        // Re-read: a concurrent writer may have won, and its password is the one kept.
        var stored = await store.GetAsync<V1Secret>(org.Namespace, DatabaseSecret, cancellationToken).ConfigureAwait(false);
        return (Encoding.UTF8.GetString(stored!.Data["password"]), stored.Metadata.Annotations?.ContainsKey(AppliedAnnotation) == true);
    }

    public static Task MarkAppliedAsync(IObjectStore store, Org org, CancellationToken cancellationToken) =>
        store.MutateAsync<V1Secret>(org.Namespace, DatabaseSecret, secret =>
        {
            secret.Metadata.Annotations ??= new Dictionary<string, string>();
            return secret.Metadata.Annotations.TryAdd(AppliedAnnotation, "true");
        }, cancellationToken: cancellationToken);

    public static async Task<string?> ReadAsync(IObjectStore store, string @namespace, string name, string key, CancellationToken cancellationToken)
    {
        var secret = await store.GetAsync<V1Secret>(@namespace, name, cancellationToken).ConfigureAwait(false);
        return secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
    }
}
