using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Lifecycle;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// Infrastructure from an existing engine (Crossplane style): one <see cref="InfrastructureClaim"/> per org, in the org's
/// namespace, whose status the engine fills in. Ready needs the engine's <c>Ready=True</c> <em>and</em> every field the org
/// uses (endpoint, user, database, bucket, a readable password secret), recomputed on every look (Duckgres #912: a
/// component marked ready once must be able to drop back). <c>Retain</c> deprovisions with <c>deletionPolicy: Orphan</c>.
/// </summary>
public sealed class ClaimsInfraProvisioner(IObjectStore store, ObjectApplier applier) : IInfraProvisioner
{
    public string Name => "claims";

    public static string BucketNameOf(string orgId) => $"fleetdeck-{orgId}";

    public async Task<InfraObservation> EnsureAsync(Org org, CancellationToken cancellationToken)
    {
        var desired = new InfrastructureClaim
        {
            Metadata = new V1ObjectMeta { Name = org.Id, NamespaceProperty = org.Namespace, Labels = new Dictionary<string, string> { [ProvisioningGroup.OrgLabel] = org.Id } },
            Spec = new InfrastructureClaimSpec
            {
                OrgId = org.Id,
                Database = new ClaimDatabaseSpec { Engine = "postgres", SizeGi = org.Spec.Database?.SizeGi },
                Bucket = new ClaimBucketSpec { Name = BucketNameOf(org.Id), SizeGi = org.Spec.Storage?.SizeGi },
                DeletionPolicy = DeletionPolicyOf(org),
            },
        };
        var claim = (await applier.ApplyAsync(desired, org, cancellationToken).ConfigureAwait(false)).Object;
        var status = claim.Status;
        var ready = status.Find(Conditions.Ready);
        var synced = status.Find("Synced");
        bool? isSynced = synced?.Status switch { Conditions.True => true, Conditions.False => false, _ => null };
        var endpoints = new OrgEndpoints { Database = status.Endpoint is null ? null : $"{status.Endpoint}/{status.Database}", DatabaseRole = status.User, Storage = status.Bucket };

        if (ready?.Status != Conditions.True)
        {
            var why = SafeMessages.Sanitize(ready?.Message) is { Length: > 0 } m ? m : isSynced == false ? SafeMessages.Sanitize(synced?.Message) : "";
            return new InfraObservation(false, isSynced, why.Length > 0 ? $"Infrastructure claim not ready: {why}" : "Waiting for the infrastructure engine", endpoints);
        }
        var missing = new List<string>();
        if (string.IsNullOrEmpty(status.Endpoint)) missing.Add("endpoint");
        if (string.IsNullOrEmpty(status.User)) missing.Add("user");
        if (string.IsNullOrEmpty(status.Database)) missing.Add("database");
        if (string.IsNullOrEmpty(status.Bucket)) missing.Add("bucket");
        if (await ReadPasswordAsync(claim, cancellationToken).ConfigureAwait(false) is null) missing.Add("passwordSecretRef");
        if (missing.Count > 0)
            return new InfraObservation(false, isSynced, $"Infrastructure claim is Ready but lacks {string.Join(", ", missing)}", endpoints);
        return new InfraObservation(true, isSynced, "Infrastructure claim is ready", endpoints);
    }

    public async Task<OrgDatabaseAccess?> GetDatabaseAccessAsync(Org org, CancellationToken cancellationToken)
    {
        var claim = await store.GetAsync<InfrastructureClaim>(org.Namespace, org.Id, cancellationToken).ConfigureAwait(false);
        if (claim?.Status is not { Endpoint: { Length: > 0 } endpoint, User: { Length: > 0 } user, Database: { Length: > 0 } database }) return null;
        if (await ReadPasswordAsync(claim, cancellationToken).ConfigureAwait(false) is not { } password) return null;
        var colon = endpoint.LastIndexOf(':');
        var host = colon > 0 ? endpoint[..colon] : endpoint;
        var port = colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var p) ? p : 5432;
        var builder = new NpgsqlConnectionStringBuilder { Host = host, Port = port, Database = database, Username = user, Password = password };
        // The engine's user is both the org's role and the admin that brokers credentials for it.
        return new OrgDatabaseAccess(host, port, database, user, builder.ConnectionString, builder.ConnectionString);
    }

    public async Task<bool> TeardownAsync(Org org, CancellationToken cancellationToken)
    {
        var kind = store.Kinds.Get<InfrastructureClaim>();
        var claim = await store.GetAsync<InfrastructureClaim>(org.Namespace, org.Id, cancellationToken).ConfigureAwait(false);
        if (claim is null) return true;
        if (claim.Spec.DeletionPolicy != DeletionPolicyOf(org))
            await store.MutateAsync<InfrastructureClaim>(org.Namespace, org.Id, c =>
            {
                c.Spec.DeletionPolicy = DeletionPolicyOf(org);
                return true;
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await applier.DeleteAsync(kind, org.Namespace, org.Id, cancellationToken).ConfigureAwait(false);
        // Gone only once the engine has removed its finalizer (its resources are deleted or orphaned).
        return await store.GetAsync<InfrastructureClaim>(org.Namespace, org.Id, cancellationToken).ConfigureAwait(false) is null;
    }

    private static string DeletionPolicyOf(Org org) => RetentionPolicies.Of(org.Spec) == RetentionPolicies.Delete ? "Delete" : "Orphan";

    private async Task<string?> ReadPasswordAsync(InfrastructureClaim claim, CancellationToken cancellationToken)
    {
        if (claim.Status.PasswordSecretRef is not { Name: { Length: > 0 } name } reference) return null;
        return await OrgSecrets.ReadAsync(store, reference.Namespace ?? claim.Metadata.NamespaceProperty, name, reference.Key ?? "password", cancellationToken).ConfigureAwait(false);
    }
}
