using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Fleetdeck.Kubernetes.Operator;

/// <summary>The operator's <c>/metrics</c>, <c>/healthz</c> (liveness) and <c>/readyz</c> (readiness), on a port of their own.</summary>
internal sealed class HealthServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="live">Null when alive, else why not: the pod is restarted.</param>
    /// <param name="ready">Null when ready, else why not: the pod gets no traffic.</param>
    public static async Task<HealthServer> StartAsync(IPAddress address, int port, CollectorRegistry registry, Func<string?> live, Func<string?> ready,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.MapGet("/healthz", () => Answer(live()));
        app.MapGet("/livez", () => Answer(live()));
        app.MapGet("/readyz", () => Answer(ready()));
        app.MapMetrics("/metrics", registry);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new OperatorException($"cannot serve metrics and health on {address}:{port}: {e.Message} (choose another --metrics-port)");
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Kestrel reports a wildcard listen as http://[::]:port; clients on this machine reach it on loopback.
        var uri = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return new HealthServer(app, uri);
    }

    private static IResult Answer(string? problem) =>
        problem is null ? Results.Text("ok\n") : Results.Text(problem + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
