using System.Collections.Concurrent;
using System.Text.Json;

namespace Fleetdeck.Rollouts.Slo;

/// <summary>
/// Firing alerts from the Prometheus HTTP API (<c>/api/v1/query</c>), with the anchor's queries:
/// <c>sum by(tag,app,alertname)(ALERTS{slo="true",alertstate="firing"})</c>, or with <c>canary="true"</c> for
/// canary-only revisions. One answer serves every app for <see cref="CacheTtl"/>, so the load does not grow with the
/// number of apps; every query has a timeout (the anchor's had none).
/// </summary>
public sealed class PrometheusAlertSource(HttpClient http, Uri baseAddress, TimeProvider time, TimeSpan timeout, TimeSpan cacheTtl) : IAlertSource
{
    public const string SloQuery = "sum by(tag,app,alertname)(ALERTS{slo=\"true\",alertstate=\"firing\"})";
    public const string CanaryQuery = "sum by(tag,app,alertname)(ALERTS{canary=\"true\",alertstate=\"firing\"})";

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<List<(string App, string Tag, string Alert)>> Result)> _cache = new();

    public TimeSpan CacheTtl { get; } = cacheTtl;

    public int Queries;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FiringAsync(string app, bool canariesOnly, CancellationToken cancellationToken)
    {
        var query = canariesOnly ? CanaryQuery : SloQuery;
        var now = time.GetUtcNow();
        var entry = _cache.AddOrUpdate(query,
            _ => (now, QueryAsync(query)),
            (_, old) => old.At + CacheTtl > now && !old.Result.IsFaulted ? old : (now, QueryAsync(query)));
        var samples = await entry.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
        return samples.Where(s => s.App == app && s.Tag.Length > 0)
            .GroupBy(s => s.Tag, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.Alert).Distinct().Order(StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    private async Task<List<(string, string, string)>> QueryAsync(string query)
    {
        Interlocked.Increment(ref Queries);
        using var cts = new CancellationTokenSource(timeout);
        var uri = new Uri(baseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query));
        try
        {
            using var response = await http.GetAsync(uri, cts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new AlertSourceException($"Prometheus at {baseAddress} answered {(int)response.StatusCode}: {Truncate(body)}");
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.GetProperty("status").GetString() != "success")
                throw new AlertSourceException($"Prometheus at {baseAddress} answered: {Truncate(body)}");
            var result = new List<(string, string, string)>();
            foreach (var sample in root.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var metric = sample.GetProperty("metric");
                result.Add((Label(metric, "app"), Label(metric, "tag"), Label(metric, "alertname")));
            }
            return result;
        }
        catch (OperationCanceledException e)
        {
            throw new AlertSourceException($"Prometheus at {baseAddress} did not answer within {timeout.TotalSeconds:0.#}s", e);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AlertSourceException($"cannot query Prometheus at {baseAddress}: {e.Message}", e);
        }
    }

    private static string Label(JsonElement metric, string name) =>
        metric.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
