using System.Security.Cryptography.X509Certificates;
using Fleetdeck.Core.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// A Kubernetes-compatible API server over an <see cref="IObjectStore"/>, on its own Kestrel listener, so that kubectl
/// and Kubernetes clients can work with a local control plane.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubeApiServer(WebApplication app, Uri baseAddress, X509Certificate2? certificate)
    {
        _app = app;
        BaseAddress = baseAddress;
        Certificate = certificate;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The serving certificate when serving HTTPS (a kubeconfig trusts it as its certificate authority), else null.</summary>
    public X509Certificate2? Certificate { get; }

    public static async Task<KubeApiServer> StartAsync(IObjectStore store, KubeApiServerOptions? options = null, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeApiServerOptions();
        var certificate = options.UseHttps ? options.Certificate ?? SelfSignedCertificate.Create(options.Address, options.Time) : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                if (certificate is not null) listen.UseHttps(certificate);
            });
            kestrel.AddServerHeader = false;
            // The façade enforces its own (smaller) limit and answers it with a Status.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, ComponentLifetime>();
        builder.Services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var app = builder.Build();
        var router = KubeApiEndpoints.CreateRouter(app.Services, store, options);
        app.MapKubeApi(router);
        app.MapFallback(router.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address");
        var server = new KubeApiServer(app, new Uri(address.TrimEnd('/') + "/"), certificate);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fleetdeck.Server.KubeApi");
        KubeApiLog.Listening(logger, server.BaseAddress);
        if (certificate is null && !string.IsNullOrEmpty(options.BearerToken)) KubeApiLog.TokenOverHttp(logger);
        return server;
    }

    /// <summary>Stops listening; open watches end.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
