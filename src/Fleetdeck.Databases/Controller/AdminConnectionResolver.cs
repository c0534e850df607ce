using k8s.Models;
using Fleetdeck.Core.Store;
using Fleetdeck.Databases.Admin;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Databases.Controller;

/// <summary>
/// Finds the admin connection for a PostgresDatabase, as upstream does: key <c>main-database-url</c> of the workload
/// secret, with <c>username</c>/<c>password</c> of <c>mainDbCredentialSecret</c> overriding the URL's (RDS style).
/// Where the workload secret is absent or has no URL, the embedded main database is used when there is one (fleetdeck up);
/// without it (operator mode) that is an error, as upstream's "missing database connection definition".
/// </summary>
internal sealed class AdminConnectionResolver(IObjectStore store, IMainDatabaseFallback? fallback)
{
    public const string UrlKey = "main-database-url";

    public async Task<(PostgresUrl? Url, Problem? Problem)> ResolveAsync(PostgresDatabase db, CancellationToken cancellationToken)
    {
        var ns = db.Metadata.NamespaceProperty;
        var workload = db.Spec.WorkloadSecret;
        if (SecretValues.Unsupported("spec.workloadSecret", workload?.Type) is { } unsupported) return (null, unsupported);

        string? text = null;
        string where;
        if (workload is { VaultName: { Length: > 0 } vault, Type: "kubernetes" })
        {
            var secret = await store.GetAsync<V1Secret>(ns, vault, cancellationToken).ConfigureAwait(false);
            text = SecretValues.Get(secret, UrlKey);
            where = secret is null ? $"workload secret \"{vault}\" does not exist" : $"workload secret \"{vault}\" has no key \"{UrlKey}\"";
        }
        else
        {
            where = "spec.workloadSecret names no secret of type kubernetes";
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            if (fallback is null)
                return (null, new Problem(Reasons.MainDatabaseUrlMissing, $"missing database connection definition: {where}; create it with the admin URL of the PostgreSQL server"));
            text = fallback.AdminUrl;
            if (text is null)
                return (null, new Problem(Reasons.EmbeddedServerNotReady, fallback.Problem is { } down
                    ? $"{where}, and the embedded PostgreSQL server is down: {down}"
                    : $"{where}, and the embedded PostgreSQL server is not up yet"));
            where = "the embedded PostgreSQL server";
        }

        if (!PostgresUrl.TryParse(text, out var url, out var problem))
            return (null, new Problem(Reasons.MainDatabaseUrlInvalid, $"the admin URL from {(where.StartsWith("the embedded", StringComparison.Ordinal) ? where : $"workload secret \"{workload!.VaultName}\" key \"{UrlKey}\"")} {problem}"));

        var credentials = db.Spec.MainDbCredentialSecret;
        if (credentials is { Type: { Length: > 0 } type })
        {
            if (SecretValues.Unsupported("spec.mainDbCredentialSecret", type) is { } bad) return (null, bad);
            var name = credentials.VaultName ?? "";
            var secret = name.Length == 0 ? null : await store.GetAsync<V1Secret>(ns, name, cancellationToken).ConfigureAwait(false);
            var user = SecretValues.Get(secret, "username")?.Trim();
            var password = SecretValues.Get(secret, "password")?.Trim();
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
                return (null, new Problem(Reasons.CredentialSecretMissing,
                    secret is null ? $"mainDbCredentialSecret \"{name}\" does not exist" : $"mainDbCredentialSecret \"{name}\" needs keys \"username\" and \"password\""));
            url = url.WithCredentials(user, password);
        }
        return (url, null);
    }
}
