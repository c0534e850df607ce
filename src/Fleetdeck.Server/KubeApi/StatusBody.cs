using System.Text.Json.Nodes;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Builds <c>meta/v1 Status</c> bodies, field for field as the API server writes them.</summary>
internal static class StatusBody
{
    public static JsonObject Failure(int code, string reason, string message, StatusDetails? details) =>
        Build("Failure", code, reason, message, details);

    public static JsonObject Failure(ApiException error) => Failure(error.Code, error.Reason, error.Message, error.Details);

    public static JsonObject Success(StatusDetails details) => Build("Success", null, null, null, details);

    private static JsonObject Build(string status, int? code, string? reason, string? message, StatusDetails? details)
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = status,
        };
        if (!string.IsNullOrEmpty(message)) body["message"] = message;
        if (!string.IsNullOrEmpty(reason)) body["reason"] = reason;
        if (details is not null && Details(details) is { Count: > 0 } d) body["details"] = d;
        if (code is not null) body["code"] = code;
        return body;
    }

    private static JsonObject Details(StatusDetails details)
    {
        var d = new JsonObject();
        if (!string.IsNullOrEmpty(details.Name)) d["name"] = details.Name;
        if (!string.IsNullOrEmpty(details.Group)) d["group"] = details.Group;
        if (!string.IsNullOrEmpty(details.Kind)) d["kind"] = details.Kind;
        if (!string.IsNullOrEmpty(details.Uid)) d["uid"] = details.Uid;
        if (details.RetryAfterSeconds is { } retryAfter) d["retryAfterSeconds"] = retryAfter;
        if (details.Causes is { Count: > 0 } causes)
        {
            d["causes"] = new JsonArray([.. causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["field"] = c.Field,
            })]);
        }
        return d;
    }
}
