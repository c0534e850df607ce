using Fleetdeck.Core.Objects;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// The <c>details</c> of a Kubernetes <c>Status</c>. As the API server does, <see cref="Kind"/> holds the resource
/// (plural) for NotFound, AlreadyExists and Conflict, and the kind for Invalid.
/// </summary>
internal sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<FieldError>? Causes = null, string? Uid = null)
{
    /// <summary>When to retry, for 429 and 503 (the API server sets it with a <c>Retry-After</c> header).</summary>
    public int? RetryAfterSeconds { get; init; }
}
