using System.Net;
using System.Text.Json.Nodes;
using Fleetdeck.Testing;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>An open watch: its response headers, and its newline-delimited events as they arrive.</summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<JsonObject> _events = [];
    private readonly Task _reader;

    private WatchStream(HttpResponseMessage response)
    {
        _response = response;
        _reader = Task.Run(async () =>
        {
            try
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.Length == 0) continue;
                    lock (_events) _events.Add((JsonObject)JsonNode.Parse(line)!);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
                // stopped by the test, or the connection went
            }
        });
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    /// <summary>True once the server has closed the stream.</summary>
    public bool Ended => _reader.IsCompleted;

    public IReadOnlyList<JsonObject> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public IReadOnlyList<JsonObject> Changes => [.. Events.Where(e => e["type"]!.GetValue<string>() != "BOOKMARK")];

    public static async Task<WatchStream> OpenAsync(ApiClient api, string url, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new WatchStream(response);
    }

    public async Task<IReadOnlyList<JsonObject>> WaitForChangesAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(Changes.Count >= count || Ended), timeout ?? TimeSpan.FromSeconds(10), $"{count} watch events");
        Changes.Count.ShouldBeGreaterThanOrEqualTo(count, $"the watch ended early: {string.Join("\n", Events.Select(e => e.ToJsonString()))}");
        return Changes;
    }

    public Task WaitForEndAsync(TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => Task.FromResult(Ended), timeout ?? TimeSpan.FromSeconds(10), "the server to end the watch");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reader;
        _stop.Dispose();
    }
}
