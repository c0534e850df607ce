using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fleetdeck.Rollouts.Tests.Slo;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, installed by scripts/setup) started on a free loopback port with
/// a private data directory, scraping one target every second and evaluating the given rule file every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _dir;

    private PrometheusServer(Process process, TempDirectory dir, Uri address)
    {
        _process = process;
        _dir = dir;
        Address = address;
    }

    public Uri Address { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Binary()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(dir, "prometheus");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException("prometheus is not installed: run scripts/setup (it installs Debian's prometheus package)");
    }

    public static async Task<PrometheusServer> StartAsync(Uri scrapeTarget, string rulesJson)
    {
        var dir = new TempDirectory("fleetdeck-prometheus");
        File.WriteAllText(dir.File("rules.json"), rulesJson);
        File.WriteAllText(dir.File("prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {dir.File("rules.json")}
            scrape_configs:
              - job_name: app
                static_configs:
                  - targets: ["{scrapeTarget.Authority}"]
            """);
        var port = FreePort();
        var start = new ProcessStartInfo(Binary())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--config.file={dir.File("prometheus.yml")}", $"--storage.tsdb.path={dir.File("data")}", $"--web.listen-address=127.0.0.1:{port}" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        var lastLine = Stopwatch.GetTimestamp();
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); Interlocked.Exchange(ref lastLine, Stopwatch.GetTimestamp()); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); Interlocked.Exchange(ref lastLine, Stopwatch.GetTimestamp()); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        // Prometheus logs each start-up step: the wait ends when it is ready or exits, and fails only when it falls silent.
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited with {process.ExitCode}: {log}");
            try
            {
                if ((await http.GetAsync(new Uri(server.Address, "-/ready"))).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastLine)) > ChildProcess.Quiet) throw new TimeoutException($"prometheus did not become ready and printed nothing for {ChildProcess.Quiet.TotalMinutes:0} min: {log}");
            await Task.Delay(100);
        }
    }

    /// <summary>Alert names firing now, straight from Prometheus' own alerts endpoint (the test's independent view).</summary>
    public async Task<IReadOnlyList<(string Alert, string Tag)>> FiringAsync()
    {
        using var http = new HttpClient();
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(Address, "api/v1/alerts")));
        return [.. doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "firing")
            .Select(a => (a.GetProperty("labels").GetProperty("alertname").GetString()!, a.GetProperty("labels").TryGetProperty("tag", out var t) ? t.GetString()! : ""))];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _dir.Dispose();
    }
}
