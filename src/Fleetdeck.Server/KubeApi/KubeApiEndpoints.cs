using Fleetdeck.Core.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Mounts the Kubernetes API façade (<c>/api</c>, <c>/apis</c>, <c>/version</c>, <c>/openapi</c>, health) on any ASP.NET Core host.</summary>
public static class KubeApiEndpoints
{
    private static readonly string[] Patterns =
        ["/version", "/api", "/api/{**rest}", "/apis", "/apis/{**rest}", "/openapi/{**rest}", "/healthz", "/livez", "/readyz"];

    /// <summary>Serves <paramref name="store"/> as a Kubernetes API server. Settings other than the address and port apply.</summary>
    public static IEndpointConventionBuilder MapKubeApi(this IEndpointRouteBuilder endpoints, IObjectStore store, KubeApiServerOptions? options = null)
    {
        var router = CreateRouter(endpoints.ServiceProvider, store, options ?? new KubeApiServerOptions());
        return endpoints.MapKubeApi(router);
    }

    internal static KubeApiRouter CreateRouter(IServiceProvider services, IObjectStore store, KubeApiServerOptions options)
    {
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        return new KubeApiRouter(new KubeApiService(store, options, loggers.CreateLogger("Fleetdeck.Server.KubeApi"), stopping));
    }

    internal static IEndpointConventionBuilder MapKubeApi(this IEndpointRouteBuilder endpoints, KubeApiRouter router)
    {
        var group = endpoints.MapGroup("");
        foreach (var pattern in Patterns) group.Map(pattern, router.HandleAsync);
        return group;
    }
}
