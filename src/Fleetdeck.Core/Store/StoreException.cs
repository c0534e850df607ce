using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Store;

/// <summary>
/// A store error with the Kubernetes status it maps to: HTTP code, machine-readable reason, and per-field causes.
/// The API façade writes these as <c>Status</c> bodies; the Kubernetes backend reads them back into the same types.
/// </summary>
public class StoreException(int code, string reason, string message, IReadOnlyList<FieldError>? causes = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int Code { get; } = code;

    /// <summary>The Kubernetes <c>StatusReason</c>: <c>Conflict</c>, <c>AlreadyExists</c>, <c>NotFound</c>, <c>Invalid</c>, ...</summary>
    public string Reason { get; } = reason;

    public IReadOnlyList<FieldError> Causes { get; } = causes ?? [];

    /// <summary>Whether retrying the same call later may succeed (throttling, a server restarting).</summary>
    public bool IsTransient => Code is 429 or 500 or 502 or 503 or 504;
}

/// <summary>A write based on a stale <c>resourceVersion</c> (HTTP 409, reason <c>Conflict</c>): re-read and retry.</summary>
public sealed class ConflictException(string message) : StoreException(409, "Conflict", message);

/// <summary>A create of a name that exists (HTTP 409, reason <c>AlreadyExists</c>).</summary>
public sealed class AlreadyExistsException(string message) : StoreException(409, "AlreadyExists", message);

/// <summary>HTTP 404, reason <c>NotFound</c>.</summary>
public sealed class NotFoundException(string message) : StoreException(404, "NotFound", message)
{
    /// <summary>The name of the missing object, when the error is about one object (not an unknown kind).</summary>
    public string? DetailsName { get; init; }
}

/// <summary>An object that fails validation (HTTP 422, reason <c>Invalid</c>), with one cause per field.</summary>
public sealed class InvalidObjectException(string message, IReadOnlyList<FieldError> causes) : StoreException(422, "Invalid", message, causes);

/// <summary>A malformed request (HTTP 400, reason <c>BadRequest</c>).</summary>
public sealed class BadRequestException(string message) : StoreException(400, "BadRequest", message);

/// <summary>A watch or continue token older than the kept history (HTTP 410, reason <c>Expired</c>): re-list.</summary>
public sealed class ExpiredException(string message) : StoreException(410, "Expired", message);
