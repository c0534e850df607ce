using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>Turns an API server's <c>Status</c> answers into the store's own errors, so callers cannot tell the backends apart.</summary>
internal static class StatusErrors
{
    public static async Task<StoreException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? status = null;
        try
        {
            status = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // not a Status body (a proxy's HTML page, say): use the HTTP status alone
        }
        return FromStatus(status, (int)response.StatusCode, text);
    }

    public static StoreException FromStatus(JsonObject? status, int fallbackCode, string fallbackText = "")
    {
        var code = status?["code"]?.GetValue<int>() ?? fallbackCode;
        var reason = status?["reason"]?.GetValue<string>() ?? ((HttpStatusCode)code).ToString();
        var message = status?["message"]?.GetValue<string>() ?? (fallbackText.Length is > 0 and < 500 ? fallbackText : $"HTTP {code}");
        var causes = (status?["details"]?["causes"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => new FieldError(c["field"]?.GetValue<string>() ?? "", c["message"]?.GetValue<string>() ?? "", c["reason"]?.GetValue<string>() ?? FieldError.Invalid))
            .ToList() ?? [];
        return (code, reason) switch
        {
            (409, "AlreadyExists") => new AlreadyExistsException(message),
            (409, _) => new ConflictException(message),
            (404, _) => new NotFoundException(message) { DetailsName = status?["details"]?["name"]?.GetValue<string>() },
            (422, _) => new InvalidObjectException(message, causes),
            (400, _) => new BadRequestException(message),
            (410, _) => new ExpiredException(message),
            _ => new StoreException(code, reason, message, causes),
        };
    }
}
