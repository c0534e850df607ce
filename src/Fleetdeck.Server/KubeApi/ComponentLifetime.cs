using Microsoft.Extensions.Hosting;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// The façade's host is a component of a larger process: it must not take over Ctrl+C or SIGTERM (the default console
/// lifetime would, and would keep the process alive after stopping the server). The process owner decides when to stop it.
/// </summary>
internal sealed class ComponentLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
