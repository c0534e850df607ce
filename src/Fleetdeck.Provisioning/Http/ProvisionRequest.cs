using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning.Http;

/// <summary>The body of <c>POST /api/v1/orgs/{id}/provision</c>.</summary>
public sealed record ProvisionRequest
{
    public string? Domain { get; init; }

    public List<string>? Products { get; init; }

    public SizeRequest? Database { get; init; }

    public SizeRequest? Storage { get; init; }

    /// <summary><c>Retain</c> (default) or <c>Delete</c>.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>The spec this request asks for, normalized so that the same request always gives the same spec.</summary>
    public OrgSpec ToSpec(bool normalize = true) => new()
    {
        Domain = Domain,
        Products = Products is null ? null : normalize ? [.. Products.Order(StringComparer.Ordinal)] : [.. Products],
        Database = Database is null ? null : new OrgDatabaseSpec { SizeGi = Database.SizeGi },
        Storage = Storage is null ? null : new OrgStorageSpec { SizeGi = Storage.SizeGi },
        RetentionPolicy = RetentionPolicy ?? RetentionPolicies.Retain,
    };
}

public sealed record SizeRequest
{
    public int? SizeGi { get; init; }
}

/// <summary>The optional body of <c>POST /api/v1/orgs/{id}/credentials</c>.</summary>
public sealed record CredentialsRequest
{
    /// <summary>Lifetime in seconds (default 900, at most 43200).</summary>
    public int? TtlSeconds { get; init; }
}
