using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Fleetdeck.Provisioning;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Bench;

/// <summary>
/// The org provisioning REST API under load from <c>wrk</c> on loopback: <c>GET /status</c> and an idempotent repeat of
/// <c>POST /provision</c>, next to the server's bare <c>GET /api/v1/version</c> (no auth, no store) as the ceiling; then
/// <c>GET /status</c> for a long run while the process's memory is sampled.
/// </summary>
internal sealed partial class OrgsApiBenchmark(string workDir, int runs, TimeSpan soak)
{
    private const string Secret = "bench-internal-secret-0123456789abcdef";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private const int Connections = 8;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        if (!File.Exists("/usr/bin/wrk")) return [new Result("orgs API", "wrk missing", "-", false, "run scripts/setup (apt-get install wrk)")];
        var module = new ProvisioningModule(new ProvisioningSettings { InternalSecret = Secret });
        await using var host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = Path.Combine(workDir, "orgs-api"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = [module],
        });
        await host.WaitUntilReadyAsync(CancellationToken.None);
        var api = host.ApiAddress.ToString();
        const string body = """{"domain":"bench.example.com","products":["connect","workbench"],"database":{"sizeGi":10},"storage":{"sizeGi":50}}""";
        using (var client = new HttpClient { BaseAddress = host.ApiAddress })
        {
            client.DefaultRequestHeaders.Add("X-Fleetdeck-Internal-Secret", Secret);
            (await client.PostAsync("api/v1/orgs/bench/provision", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            for (var i = 0; i < 99; i++)
                (await client.PostAsJsonAsync($"api/v1/orgs/filler-{i:D3}/provision", System.Text.Json.JsonDocument.Parse(body).RootElement)).EnsureSuccessStatusCode();
        }
        var post = Path.Combine(workDir, "provision.lua");
        await File.WriteAllTextAsync(post, $"wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"X-Fleetdeck-Internal-Secret\"] = \"{Secret}\"\n");
        var get = Path.Combine(workDir, "status.lua");
        await File.WriteAllTextAsync(get, $"wrk.headers[\"X-Fleetdeck-Internal-Secret\"] = \"{Secret}\"\n");

        var bare = new List<WrkRun>();
        var status = new List<WrkRun>();
        var provision = new List<WrkRun>();
        for (var run = 0; run < runs; run++)
        {
            bare.Add(await WrkAsync(api + "api/v1/version", null, Duration));
            status.Add(await WrkAsync(api + "api/v1/orgs/bench/status", get, Duration));
            provision.Add(await WrkAsync(api + "api/v1/orgs/bench/provision", post, Duration));
        }

        var ceiling = Measure.Median(bare.Select(r => r.RequestsPerSecond));
        var statusRps = Measure.Median(status.Select(r => r.RequestsPerSecond));
        var statusP99 = Measure.Median(status.Select(r => r.P99Ms));
        var errors = status.Concat(provision).Concat(bare).Sum(r => r.Errors);

        var (rssStart, rssEnd, heapStart, heapEnd, soakRun) = await SoakAsync(api + "api/v1/orgs/bench/status", get);
        var heapGrowth = heapEnd - heapStart;
        return
        [
            new("bare GET /api/v1/version (ceiling)", $"{ceiling:N0} req/s", "-", null, $"p99 {Measure.Median(bare.Select(r => r.P99Ms)):0.00} ms; wrk -t1 -c{Connections} {Duration.TotalSeconds:0}s"),
            new("GET /orgs/{id}/status", $"{statusRps:N0} req/s", ">= 0.5x ceiling", statusRps >= 0.5 * ceiling, $"{statusRps / ceiling:0.00}x; runs: {Runs(status)}"),
            new("GET /orgs/{id}/status p99", $"{statusP99:0.00} ms", "<= 10 ms", statusP99 <= 10, $"at {statusRps:N0} req/s, {Connections} connections"),
            new("POST /orgs/{id}/provision (same body)", $"{Measure.Median(provision.Select(r => r.RequestsPerSecond)):N0} req/s", "-", null, $"p99 {Measure.Median(provision.Select(r => r.P99Ms)):0.00} ms; runs: {Runs(provision)}"),
            new("orgs API errors (non-2xx, socket)", errors.ToString(CultureInfo.InvariantCulture), "0", errors == 0, "all runs"),
            new($"managed heap after {soak.TotalSeconds:0}s of GET /status", $"{heapStart:0.0} -> {heapEnd:0.0} MB", "flat (< +10 MB)", heapGrowth < 10,
                $"RSS {rssStart:0} -> {rssEnd:0} MB; {soakRun.RequestsPerSecond:N0} req/s, {soakRun.Errors} errors"),
        ];
    }

    private async Task<(double RssStart, double RssEnd, double HeapStart, double HeapEnd, WrkRun Run)> SoakAsync(string url, string script)
    {
        var warm = await WrkAsync(url, script, TimeSpan.FromSeconds(5));
        _ = warm;
        var (rssStart, heapStart) = Sample();
        var run = await WrkAsync(url, script, soak);
        var (rssEnd, heapEnd) = Sample();
        return (rssStart, rssEnd, heapStart, heapEnd, run);
    }

    private static (double RssMb, double HeapMb) Sample()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        double rss = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (rss, GC.GetTotalMemory(false) / 1024.0 / 1024.0);
    }

    private static string Runs(List<WrkRun> runs) => string.Join(", ", runs.Select(r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));

    private sealed record WrkRun(double RequestsPerSecond, double P99Ms, long Errors);

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    private static async Task<WrkRun> WrkAsync(string url, string? script, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t1", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "5s" }) start.ArgumentList.Add(arg);
        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }
        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(output);
        var p99Ms = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) * p99.Groups[2].Value switch { "us" => 0.001, "s" => 1000, _ => 1 };
        long errors = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (SocketErrors().Match(output) is { Success: true } s)
            errors += Enumerable.Range(1, 4).Sum(i => long.Parse(s.Groups[i].Value, CultureInfo.InvariantCulture));
        return new WrkRun(rps, p99Ms, errors);
    }
}
