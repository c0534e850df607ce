using Microsoft.AspNetCore.Routing;

namespace Fleetdeck.Server.Hosting;

/// <summary>A part of the control plane that serves routes on the REST API port (provisioning API, dashboard).</summary>
public interface IApiModule
{
    void MapRoutes(IEndpointRouteBuilder routes, ControlPlaneContext context);
}
