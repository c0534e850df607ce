using Microsoft.AspNetCore.Http;
using Fleetdeck.Provisioning.Dashboard;

namespace Fleetdeck.Provisioning.Http;

/// <summary>
/// Every API route needs <c>X-Fleetdeck-Internal-Secret</c>; a GET may instead carry a dashboard session cookie (the
/// browser only reads). Anything else is 401 before the route runs.
/// </summary>
internal sealed class InternalSecretFilter(InternalSecrets secrets, DashboardSession sessions) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var header = request.Headers[InternalSecrets.Header];
        var authorized = header.Count == 1 ? secrets.Matches(header[0]) : false;
        if (!authorized && header.Count == 0 && HttpMethods.IsGet(request.Method)) authorized = sessions.IsValid(request);
        if (authorized) return await next(context).ConfigureAwait(false);
        return Problem.Of(401, header.Count == 0 ? $"Missing {InternalSecrets.Header} header" : $"Invalid {InternalSecrets.Header} header").ToResult();
    }
}
