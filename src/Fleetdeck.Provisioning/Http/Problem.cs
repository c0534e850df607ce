using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Http;

/// <summary>An RFC 9457 problem body: what went wrong, and for invalid input, each field's problems by path.</summary>
public sealed record Problem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string ContentType = "application/problem+json";

    public static Problem Of(int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new($"https://fleetdeck.dev/problems/{Slug(status)}", TitleOf(status), status, detail, errors);

    public static Problem Invalid(string detail, IEnumerable<FieldError> errors) =>
        Of(StatusCodes.Status422UnprocessableEntity, detail, errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));

    public static Problem BadField(string field, string message) =>
        Of(StatusCodes.Status400BadRequest, $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    public IResult ToResult() => Results.Json(this, ApiJson.Write, ContentType, Status);

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        503 => "Service Unavailable",
        _ => "Error",
    };

    private static string Slug(int status) => TitleOf(status).ToLowerInvariant().Replace(' ', '-');
}
