using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>Raw HTTP against the façade, returning status, headers and the parsed body.</summary>
public sealed class ApiClient(Uri baseAddress, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new HttpClientHandler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => _http;

    public Task<ApiResponse> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, accept: accept);

    public Task<ApiResponse> PostAsync(string path, object body, string contentType = "application/json") => SendAsync(HttpMethod.Post, path, body, contentType);

    public Task<ApiResponse> PutAsync(string path, object body, string contentType = "application/json") => SendAsync(HttpMethod.Put, path, body, contentType);

    public Task<ApiResponse> PatchAsync(string path, object body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<ApiResponse> DeleteAsync(string path, object? body = null) => SendAsync(HttpMethod.Delete, path, body);

    /// <summary>Sends <paramref name="body"/> as is when it is a string, else as its JSON.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null, string contentType = "application/json", string? accept = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? (body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body));
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What came back: status code, content type, warnings and body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ContentType, IReadOnlyList<string> Warnings, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("empty body");

    public JsonObject Object => (JsonObject)Json;

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), warnings, text);
    }

    /// <summary>Asserts a Kubernetes failure Status with this code and reason, and returns it.</summary>
    public JsonObject ShouldBeStatus(int code, string reason)
    {
        ((int)Status).ShouldBe(code, Text);
        ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
        var status = Object;
        status["kind"]!.GetValue<string>().ShouldBe("Status");
        status["apiVersion"]!.GetValue<string>().ShouldBe("v1");
        status["status"]!.GetValue<string>().ShouldBe("Failure");
        status["code"]!.GetValue<int>().ShouldBe(code);
        status["reason"]!.GetValue<string>().ShouldBe(reason);
        status["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return status;
    }
}
