using System.Globalization;
using System.Net;
using System.Text;

namespace Fleetdeck.Rollouts.Tests.Slo;

/// <summary>
/// The app under release, as Prometheus sees it: <c>/metrics</c> on loopback with request counters per tag and code. Each
/// scrape counts 10 more requests per tag; once <see cref="Failing"/> names a tag, that tag's requests are all 500s.
/// </summary>
public sealed class TestApp : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<(string Tag, string Code), long> _counts = [];
    private readonly string[] _tags;
    private readonly Task _serving;

    public TestApp(params string[] tags)
    {
        _tags = tags;
        var port = PrometheusServer.FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public volatile string? Failing;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var body = new StringBuilder("# TYPE http_requests_total counter\n");
            lock (_counts)
            {
                foreach (var tag in _tags)
                {
                    var code = tag == Failing ? "500" : "200";
                    _counts[(tag, code)] = _counts.GetValueOrDefault((tag, code)) + 10;
                }
                foreach (var ((tag, code), count) in _counts.OrderBy(c => c.Key))
                    body.Append(CultureInfo.InvariantCulture, $"http_requests_total{{app=\"web\",tag=\"{tag}\",code=\"{code}\"}} {count}\n");
            }
            var bytes = Encoding.UTF8.GetBytes(body.ToString());
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
