using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>
/// Finds a Site's main database: <c>main-database-url</c> in the workload secret; in embedded mode, when that is absent,
/// the managed PostgreSQL. Problems name the Secret and the field, never the URL (it holds a password).
/// </summary>
internal static class MainDatabaseSource
{
    public const string UrlKey = "main-database-url";

    public sealed record Result(MainDatabase? Database, string Reason, string Message, bool Retry = false);

    public static Result Find(Site site, IObjectCache cache, KindRegistry kinds, IMainDatabaseFallback? fallback)
    {
        var ns = site.Metadata.NamespaceProperty;
        var workload = site.Spec.WorkloadSecret;
        var type = workload?.Type ?? "";
        Result? problem;
        if (type == "kubernetes" && !string.IsNullOrEmpty(workload!.VaultName))
        {
            var secret = cache.Get<V1Secret>(kinds, ns, workload.VaultName);
            if (secret?.Data is { } data && data.TryGetValue(UrlKey, out var bytes))
            {
                return MainDatabase.Parse(Encoding.UTF8.GetString(bytes)) is { } parsed
                    ? new Result(parsed, "", "")
                    : new Result(null, "InvalidMainDatabaseUrl", $"Secret {ns}/{workload.VaultName} (spec.workloadSecret.vaultName): key {UrlKey} is not a postgres://user:password@host/database URL");
            }
            problem = secret is null
                ? new Result(null, "SecretNotFound", $"Secret {ns}/{workload.VaultName} (spec.workloadSecret.vaultName) not found")
                : new Result(null, "MainDatabaseUrlMissing", $"Secret {ns}/{workload.VaultName} (spec.workloadSecret.vaultName) has no key {UrlKey}");
        }
        else if (type == "aws")
        {
            problem = new Result(null, "SecretBackendUnavailable",
                "spec.workloadSecret.type: Fleetdeck does not read AWS Secrets Manager itself; use type \"kubernetes\" with a Secret holding main-database-url (the CSI driver can sync one)");
        }
        else if (type == "kubernetes")
        {
            problem = new Result(null, "MainDatabaseMissing", "spec.workloadSecret.vaultName: Required value: the Secret holding main-database-url");
        }
        else
        {
            problem = new Result(null, "MainDatabaseMissing", "missing database connection definition: spec.workloadSecret.type is empty (set it to \"kubernetes\" with a vaultName holding main-database-url)");
        }

        if (fallback is null) return problem;
        var url = fallback.AdminUrl;
        if (url is null) return new Result(null, "WaitingForDatabase", "waiting for the managed PostgreSQL to start", Retry: true);
        return MainDatabase.Parse(url) is { } managed
            ? new Result(managed, "", "")
            : new Result(null, "InvalidMainDatabaseUrl", "the managed PostgreSQL's admin URL is not a postgres:// URL");
    }
}
