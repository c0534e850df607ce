using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Microsoft.AspNetCore.Http;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Writes JSON (or YAML) bodies and <c>Warning</c> headers.</summary>
internal static class ResponseWriter
{
    public static Task WriteAsync(HttpContext http, int status, JsonNode body, OutputFormat? format = null)
    {
        format ??= OutputFormat.Json;
        var text = format.Yaml ? YamlWriter.Write(body) : body.ToJsonString(ObjectJson.Options);
        var bytes = Encoding.UTF8.GetBytes(text);
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = format.ContentType;
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    /// <summary>Adds <c>Warning: 299 - "text"</c> headers (RFC 7234), which kubectl prints as <c>Warning: text</c>.</summary>
    public static void AddWarnings(HttpResponse response, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings.Distinct(StringComparer.Ordinal))
        {
            var escaped = warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            response.Headers.Append("Warning", $"299 - \"{escaped}\"");
        }
    }
}
