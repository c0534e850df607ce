using Fleetdeck.Core.Objects;
using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning.Http;

/// <summary>
/// What the API shows of an org: the request, the lifecycle (state, conditions, timestamps) and the endpoints. Built
/// field by field from the Org, so nothing else (secrets, admin URLs, internal names) can slip through.
/// </summary>
public sealed record OrgStatusDto(
    string Id,
    string State,
    string? Message,
    bool Ready,
    OrgRequestDto Request,
    bool DeprovisionRequested,
    string? Infrastructure,
    OrgTimestampsDto Timestamps,
    OrgEndpoints? Endpoints,
    IReadOnlyList<ConditionDto> Conditions)
{
    public static OrgStatusDto From(Org org) => new(
        org.Id,
        OrgStates.Of(org),
        org.Status.Message,
        OrgStates.Of(org) == OrgStates.Ready && org.IsReady(),
        new OrgRequestDto(org.Spec.Domain, org.Spec.Products ?? [], org.Spec.Database?.SizeGi, org.Spec.Storage?.SizeGi, RetentionPolicies.Of(org.Spec)),
        org.Spec.Deprovisioned == true,
        org.Status.Infrastructure,
        new OrgTimestampsDto(org.Metadata.CreationTimestamp, org.Status.ProvisioningStartedAt, org.Status.ReadyAt, org.Status.FailedAt, org.Status.DeletingStartedAt, org.Status.DeletedAt),
        org.Status.Endpoints,
        [.. (org.Status.Conditions ?? []).Select(c => new ConditionDto(c.Type, c.Status, c.Reason, c.Message, c.LastTransitionTime))]);
}

public sealed record OrgRequestDto(string? Domain, IReadOnlyList<string> Products, int? DatabaseSizeGi, int? StorageSizeGi, string RetentionPolicy);

public sealed record OrgTimestampsDto(DateTime? CreatedAt, DateTime? ProvisioningStartedAt, DateTime? ReadyAt, DateTime? FailedAt, DateTime? DeletingStartedAt, DateTime? DeletedAt);

public sealed record ConditionDto(string Type, string Status, string? Reason, string? Message, DateTime? LastTransitionTime);

public sealed record OrgListDto(IReadOnlyList<OrgStatusDto> Items, string? Continue);
