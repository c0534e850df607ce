using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Server.KubeApi;

namespace Fleetdeck.Server.Hosting;

/// <summary>
/// The whole control plane on one machine: the SQLite store in the state directory, the controllers, the Kubernetes
/// API façade on its own port (with a kubeconfig written for it), the REST API, and metrics and health on a third port.
/// </summary>
public sealed class ControlPlaneHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _stack = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _controllers = Task.CompletedTask;
    private ILogger _logger = null!;
    private ControllerManager? _manager;

    private ControlPlaneHost(ControlPlaneOptions options)
    {
        Options = options;
        Modules = new ModuleSet(options.Modules);
    }

    public ControlPlaneOptions Options { get; }

    public StateDirectory State { get; private set; } = null!;

    public SqliteObjectStore Store { get; private set; } = null!;

    /// <summary>The controllers; there are none with <see cref="ControlPlaneOptions.RunControllers"/> off.</summary>
    public ControllerManager Manager => _manager ?? throw new InvalidOperationException("this control plane runs no controllers (RunControllers is off)");

    public ModuleSet Modules { get; }

    public KubeApiServer Kube { get; private set; } = null!;

    public Uri ApiAddress { get; private set; } = null!;

    public Uri MetricsAddress { get; private set; } = null!;

    public CollectorRegistry Metrics { get; } = Prometheus.Metrics.NewCustomRegistry();

    public ModuleContext Context { get; private set; } = null!;

    public static async Task<ControlPlaneHost> StartAsync(ControlPlaneOptions options, CancellationToken cancellationToken = default)
    {
        var host = new ControlPlaneHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _logger = Options.Loggers.CreateLogger("Fleetdeck.ControlPlane");
        State = StateDirectory.Acquire(Options.StateDirectory);

        var kinds = Modules.Kinds();
        Store = SqliteObjectStore.Open(State.StateFile, kinds, new StoreOptions { Time = Options.Time });
        await EnsureNamespacesAsync(cancellationToken).ConfigureAwait(false);

        var token = State.ReadOrCreateSecret("kube-token", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        // kubectl sends a token only over TLS: the façade serves https with a certificate the kubeconfig trusts.
        var certificate = ServingCertificates.LoadOrCreate(State, Options.Address, Options.Time);
        Kube = await Listening("Kubernetes API", Options.KubePort, () => KubeApiServer.StartAsync(Store,
            new KubeApiServerOptions { Address = Options.Address, Port = Options.KubePort, BearerToken = token, UseHttps = true, Certificate = certificate, Time = Options.Time },
            Options.Loggers, cancellationToken)).ConfigureAwait(false);
        _stack.Add(Kube);
        KubeconfigWriter.Write(State.Kubeconfig, Kube, token);

        Context = new ModuleContext
        {
            Store = Store,
            State = State,
            Metrics = Metrics,
            Time = Options.Time,
            Loggers = Options.Loggers,
            HealthChanged = () => _manager?.ResyncNow(),
        };
        await Modules.StartAsync(Context, cancellationToken).ConfigureAwait(false);
        _stack.Add(new StoppedModules(Modules));
        if (Options.RunControllers)
        {
            _manager = new ControllerManager(Store, new ManagerOptions
            {
                Time = Options.Time,
                GarbageCollectionInterval = Options.GarbageCollectionInterval,
            }, Options.Loggers, Metrics);
            Modules.AddControllers(_manager);
        }
        var storeWrites = Prometheus.Metrics.WithCustomRegistry(Metrics).CreateGauge("fleetdeck_store_committed_writes", "Writes committed to the state file since start.");
        Metrics.AddBeforeCollectCallback(() => storeWrites.Set(Store.CommittedWrites));

        var api = await Listening("REST API", Options.ApiPort, () => StartAppAsync(Options.ApiPort, MapApi, cancellationToken)).ConfigureAwait(false);
        _stack.Add(new StoppedOnDispose(api.App));
        ApiAddress = api.Address;
        var metrics = await Listening("metrics", Options.MetricsPort, () => StartAppAsync(Options.MetricsPort, MapHealth, cancellationToken)).ConfigureAwait(false);
        _stack.Add(new StoppedOnDispose(metrics.App));
        MetricsAddress = metrics.Address;

        if (_manager is { } manager) _controllers = Task.Run(() => manager.RunAsync(_stop.Token), CancellationToken.None);
        _logger.LogInformation("Control plane up: Kubernetes API {Kube}, REST API {Api}, metrics {Metrics}{Controllers}", Kube.BaseAddress, ApiAddress, MetricsAddress,
            Options.RunControllers ? "" : "; controllers off");
    }

    /// <summary>Waits for the controllers to sync and start (at once when there are none).</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _manager?.Started.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Null when ready (controllers synced and running, every part healthy); else why not.</summary>
    public string? Unready()
    {
        if (_controllers.IsFaulted) return $"the controllers stopped: {_controllers.Exception?.GetBaseException().Message}";
        if (_manager is { Started.IsCompleted: false }) return "controllers not started";
        return Modules.Problem;
    }

    private async Task EnsureNamespacesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "default", "fleetdeck-system" })
        {
            if (await Store.GetAsync<V1Namespace>(null, name, cancellationToken).ConfigureAwait(false) is not null) continue;
            await Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken).ConfigureAwait(false);
        }
    }

    private void MapApi(WebApplication app)
    {
        Modules.MapRoutes(app);
        app.MapGet("/api/v1/version", () => Results.Json(new { version = typeof(ControlPlaneHost).Assembly.GetName().Version?.ToString() }));
    }

    private void MapHealth(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => Unready() is { } problem
            ? Results.Text(problem + "\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok\n"));
        app.MapMetrics("/metrics", Metrics);
    }

    private async Task<(WebApplication App, Uri Address)> StartAppAsync(int port, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Options.Loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(Options.Address, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task<T> Listening<T>(string what, int port, Func<Task<T>> start)
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new PortInUseException($"port {port} for the {what} is in use; stop what holds it or choose another port");
        }
    }

    /// <summary>Stops the parts when the host goes down (after the controllers, which are stopped first).</summary>
    private sealed class StoppedModules(ModuleSet modules) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await modules.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops a web application before disposing of it, so its port is free when disposal returns.</summary>
    private sealed class StoppedOnDispose(WebApplication app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops in order: no new requests, controllers finish, the store closes, the state directory is released.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _controllers.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            try
            {
                await _stack[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger?.LogWarning("Stopping a listener failed: {Message}", e.Message);
            }
        }
        if (_manager is not null) await _manager.DisposeAsync().ConfigureAwait(false);
        if (Store is not null) await Store.DisposeAsync().ConfigureAwait(false);
        State?.Dispose();
        _stop.Dispose();
    }
}
