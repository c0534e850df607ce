using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Fleetdeck.Provisioning.Http;

/// <summary>
/// Reads a request body as one JSON object of a given type, in the order a client's mistakes are found:
/// media type (415), size (413), syntax (400), types and unknown or duplicate fields (400, naming the field).
/// </summary>
internal static partial class JsonRequest
{
    public const int MaxBodyBytes = 16 * 1024;

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    public static async Task<(T? Value, Problem? Problem)> ReadAsync<T>(HttpRequest request, bool optional, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        var bytes = await ReadBoundedAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (bytes is null) return (null, TooLarge());
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            return optional ? (null, null) : (null, Problem.Of(400, "A JSON body is required"));
        if (request.ContentType is not { } type || !IsJson(type))
            return (null, Problem.Of(415, $"Content-Type must be application/json (it is {(request.ContentType is null ? "missing" : $"\"{request.ContentType}\"")})"));

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Problem.Of(400, $"The body must be a JSON object (it is {document.RootElement.ValueKind.ToString().ToLowerInvariant()})"));
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return (null, Problem.Of(400, $"The body is not valid JSON{where}" + (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? ": a property appears twice" : "")));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(bytes, ApiJson.Read), null);
        }
        catch (JsonException e)
        {
            var path = FieldPath(e.Path);
            if (e.Message.Contains("could not be mapped", StringComparison.Ordinal) && Quoted().Match(e.Message) is { Success: true } m)
            {
                var field = path.Length == 0 ? m.Groups[1].Value : $"{path}.{m.Groups[1].Value}";
                return (null, Problem.BadField(field, "unknown field"));
            }
            if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
                return (null, Problem.BadField(path.Length == 0 ? "(body)" : path, "a property appears twice"));
            return (null, Problem.BadField(path.Length == 0 ? "(body)" : path, $"has the wrong type: expected {Expected(e.Message)}"));
        }
    }

    private static string Expected(string message) =>
        message.Contains("Int32", StringComparison.Ordinal) || message.Contains("Int64", StringComparison.Ordinal) ? "an integer"
        : message.Contains("String", StringComparison.Ordinal) ? "a string"
        : message.Contains("List", StringComparison.Ordinal) || message.Contains("[]", StringComparison.Ordinal) ? "an array"
        : message.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : "an object";

    /// <summary><c>$.database.sizeGi</c> → <c>database.sizeGi</c>; <c>$.products[1]</c> → <c>products[1]</c>.</summary>
    private static string FieldPath(string? jsonPath) => (jsonPath ?? "$").TrimStart('$').TrimStart('.');

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static Problem TooLarge() => Problem.Of(413, $"The body is larger than {MaxBodyBytes / 1024} KiB");

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
