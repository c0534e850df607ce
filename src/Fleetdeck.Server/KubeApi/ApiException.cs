using Fleetdeck.Core.Objects;

namespace Fleetdeck.Server.KubeApi;

/// <summary>A failure answered as a Kubernetes <c>Status</c>: HTTP code, <c>StatusReason</c>, message and details.</summary>
internal sealed class ApiException(int code, string reason, string message, StatusDetails? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public StatusDetails? Details { get; } = details;

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiException MethodNotAllowed() => new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException NotAcceptable(string accepted) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: {accepted}");

    public static ApiException UnsupportedMediaType(IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");

    public static ApiException TooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> causes)
    {
        var detail = causes.Count == 1 ? causes[0].ToString() : $"[{string.Join(", ", causes)}]";
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualified} \"{name}\" is invalid: {detail}", new StatusDetails(name, group, kind, causes));
    }
}
