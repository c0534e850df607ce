namespace Fleetdeck.Server.Hosting;

/// <summary>
/// A part with a lifetime of its own inside <c>fleetdeck up</c> (a managed PostgreSQL server, say): started after the
/// store opens and before the controllers run, stopped after they stop, in reverse order.
/// </summary>
public interface IHostedModule
{
    string Name { get; }

    Task StartAsync(ControlPlaneContext context, CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
