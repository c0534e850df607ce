using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetdeck.Cli.Commands.Orgs;

/// <summary>
/// The REST API as the <c>orgs</c> commands call it. Where to: <c>--api-url</c>, <c>FLEETDECK_API_URL</c>, the
/// <c>api-url</c> file <c>fleetdeck up</c> writes in <c>.fleetdeck/</c>, then the default port. The secret:
/// <c>--internal-secret</c>, <c>FLEETDECK_INTERNAL_SECRET</c>, then <c>.fleetdeck/internal-secret</c>.
/// </summary>
internal sealed class OrgsApiClient : IDisposable
{
    public const string Header = "X-Fleetdeck-Internal-Secret";
    private readonly HttpClient _http;

    public OrgsApiClient(Uri baseAddress, string secret, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(60);
        _http.DefaultRequestHeaders.Add(Header, secret);
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public static OrgsApiClient Create(string? apiUrl, string? secret, string stateDir = ".fleetdeck")
    {
        var url = FirstOf(apiUrl, Environment.GetEnvironmentVariable("FLEETDECK_API_URL"), ReadFile(Path.Combine(stateDir, "api-url")))
                  ?? "http://127.0.0.1:8480/";
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"the API URL \"{url}\" is not an http(s) URL");
        var key = FirstOf(secret, Environment.GetEnvironmentVariable("FLEETDECK_INTERNAL_SECRET"), ReadFile(Path.Combine(stateDir, "internal-secret")))
                  ?? throw new CliException($"no internal secret: pass --internal-secret, set FLEETDECK_INTERNAL_SECRET, or run where `fleetdeck up` keeps its state ({stateDir}/internal-secret)");
        return new OrgsApiClient(uri, key);
    }

    public Task<JsonObject> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted], cancellationToken);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode[] ok, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, JsonOptions), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the Fleetdeck API at {_http.BaseAddress}: {e.Message} (is `fleetdeck up` running? see --api-url)");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (ok.Contains(response.StatusCode)) return JsonNode.Parse(text) as JsonObject ?? [];
            throw new CliException(Describe(response.StatusCode, text), ExitCodeOf(response.StatusCode));
        }
    }

    private static string Describe(HttpStatusCode status, string text)
    {
        var code = (int)status;
        JsonObject? problem = null;
        try
        {
            problem = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // not a problem body
        }
        var detail = problem?["detail"]?.GetValue<string>() ?? $"the API answered {code} {status}";
        var lines = new StringBuilder(detail);
        if (problem?["errors"] is JsonObject errors)
            foreach (var (field, messages) in errors)
                foreach (var message in messages as JsonArray ?? [])
                    lines.Append(CultureInfoNewLine).Append("  ").Append(field).Append(": ").Append(message?.GetValue<string>());
        if (code == 401) lines.Append(" (check --internal-secret / FLEETDECK_INTERNAL_SECRET)");
        return lines.ToString();
    }

    private const string CultureInfoNewLine = "\n";

    private static int ExitCodeOf(HttpStatusCode status) => (int)status switch
    {
        404 => 3,
        409 => 4,
        401 => 5,
        _ => 1,
    };

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    public static JsonSerializerOptions JsonOptions { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public void Dispose() => _http.Dispose();
}
