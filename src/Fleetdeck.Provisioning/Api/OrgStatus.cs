using System.Text.Json.Serialization;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Api;

/// <summary>
/// The lifecycle as recorded: <see cref="State"/> (the compare-and-swap guard, mirrored in the <c>Ready</c> condition's
/// reason), its timestamps, and what was provisioned. Messages are safe to show: never a raw error.
/// </summary>
public sealed class OrgStatus : ResourceStatus
{
    /// <summary><c>pending</c>, <c>provisioning</c>, <c>ready</c>, <c>failed</c>, <c>deleting</c> or <c>deleted</c>; absent means pending.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("provisioningStartedAt")]
    public DateTime? ProvisioningStartedAt { get; set; }

    [JsonPropertyName("readyAt")]
    public DateTime? ReadyAt { get; set; }

    [JsonPropertyName("failedAt")]
    public DateTime? FailedAt { get; set; }

    [JsonPropertyName("deletingStartedAt")]
    public DateTime? DeletingStartedAt { get; set; }

    [JsonPropertyName("deletedAt")]
    public DateTime? DeletedAt { get; set; }

    /// <summary>Since when the infrastructure engine has reported <c>Synced=False</c> (the grace period counts from here).</summary>
    [JsonPropertyName("notSyncedSince")]
    public DateTime? NotSyncedSince { get; set; }

    /// <summary>Which infrastructure adapter provisioned the org (<c>local</c> or <c>claims</c>).</summary>
    [JsonPropertyName("infrastructure")]
    public string? Infrastructure { get; set; }

    [JsonPropertyName("endpoints")]
    public OrgEndpoints? Endpoints { get; set; }
}

/// <summary>Where the org's parts are reachable; never a password.</summary>
public sealed record OrgEndpoints
{
    /// <summary><c>host:port/database</c>.</summary>
    [JsonPropertyName("database")]
    public string? Database { get; init; }

    /// <summary>The org's database role (brokered credentials act as it).</summary>
    [JsonPropertyName("databaseRole")]
    public string? DatabaseRole { get; init; }

    /// <summary>A directory (local) or a bucket (claims).</summary>
    [JsonPropertyName("storage")]
    public string? Storage { get; init; }

    [JsonPropertyName("site")]
    public string? Site { get; init; }
}
