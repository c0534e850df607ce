using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Targets;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;

namespace Fleetdeck.Fleet.Steps.Workload;

/// <summary>
/// A cloud workload's infrastructure claim, as the claims provisioner of org provisioning writes it (one per org, named by
/// the org id, in the org's namespace), and the admin connection its status offers once the engine has made it.
/// </summary>
internal static class ClaimDatabase
{
    public static InfrastructureClaim Desired(WorkloadTarget w) => new()
    {
        ApiVersion = ProvisioningGroup.ApiVersion,
        Kind = "InfrastructureClaim",
        Metadata = new k8s.Models.V1ObjectMeta
        {
            Name = w.OrgId,
            NamespaceProperty = w.Namespace,
            Labels = new Dictionary<string, string>(Names.Labels(w)) { [ProvisioningGroup.OrgLabel] = w.OrgId },
        },
        Spec = new InfrastructureClaimSpec
        {
            OrgId = w.OrgId,
            Database = new ClaimDatabaseSpec { Engine = "postgres", SizeGi = w.DatabaseSizeGi },
            Bucket = new ClaimBucketSpec { Name = ClaimsInfraProvisioner.BucketNameOf(w.OrgId), SizeGi = w.StorageSizeGi },
            Network = w.NetworkCidr is null && w.ZoneCount is null ? null : new ClaimNetworkSpec { Cidr = w.NetworkCidr, ZoneCount = w.ZoneCount },
            // Retain keeps the engine's resources when the claim goes (Crossplane's Orphan), as the claims provisioner does.
            DeletionPolicy = w.RetentionPolicy == "Delete" ? "Delete" : "Orphan",
        },
    };

    /// <summary>The admin URL (with the password) from a Ready claim, or why there is none yet.</summary>
    public static async Task<(string? Url, InfrastructureClaim? Claim, string Why)> AdminUrlAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var claim = await context.ControlPlane.GetAsync<InfrastructureClaim>(w.Namespace, w.OrgId, cancellationToken).ConfigureAwait(false);
        if (claim is null) return (null, null, $"infrastructure claim {w.Namespace}/{w.OrgId} does not exist yet");
        var ready = claim.Status.Find(Conditions.Ready);
        if (ready?.Status != Conditions.True) return (null, claim, $"infrastructure claim {w.Namespace}/{w.OrgId} is not Ready{(ready?.Message is { Length: > 0 } m ? $": {m}" : "")}");
        var missing = new List<string>();
        var status = claim.Status;
        if (string.IsNullOrEmpty(status.Endpoint)) missing.Add("endpoint");
        if (string.IsNullOrEmpty(status.User)) missing.Add("user");
        if (string.IsNullOrEmpty(status.Database)) missing.Add("database");
        string? password = null;
        if (status.PasswordSecretRef is { Name: { Length: > 0 } secret } reference)
        {
            var stored = await context.ControlPlane.GetAsync<k8s.Models.V1Secret>(reference.Namespace ?? w.Namespace, secret, cancellationToken).ConfigureAwait(false);
            if (stored?.Data?.TryGetValue(reference.Key ?? "password", out var bytes) == true) password = System.Text.Encoding.UTF8.GetString(bytes);
            else if (stored?.StringData?.TryGetValue(reference.Key ?? "password", out var text) == true) password = text;
        }
        if (password is null) missing.Add("passwordSecretRef");
        if (missing.Count > 0) return (null, claim, $"infrastructure claim {w.Namespace}/{w.OrgId} is Ready but lacks {string.Join(", ", missing)}");
        return ($"postgres://{Uri.EscapeDataString(status.User!)}:{Uri.EscapeDataString(password!)}@{status.Endpoint}/{Uri.EscapeDataString(status.Database!)}", claim, "");
    }
}
