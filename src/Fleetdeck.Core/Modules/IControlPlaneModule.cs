using Microsoft.AspNetCore.Routing;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.Core.Modules;

/// <summary>
/// One part of the control plane (team operator, database provisioner, rollout engine, org provisioning, the managed
/// PostgreSQL): the one contract every host drives the same way, through <see cref="ModuleSet"/>. A host
/// (<c>fleetdeck up</c>, <c>fleetdeck operator</c>, a test) calls, in this order:
/// <list type="number">
/// <item><see cref="RegisterKinds"/>, before the store opens;</item>
/// <item><see cref="StartAsync"/>, once, with the store open (in list order);</item>
/// <item><see cref="AddControllers"/>, once per controller manager: the operator makes a fresh manager for every term it
/// holds the Lease, so this may run again for the same module and must not assume it runs once;</item>
/// <item><see cref="MapRoutes"/>, when the host serves a REST API (<c>up</c> does);</item>
/// <item><see cref="StopAsync"/>, once, after the controllers have stopped (in reverse list order).</item>
/// </list>
/// Every step but <see cref="Name"/> is optional. <see cref="Problem"/> is the module's health: while it is not null the
/// host's <c>/readyz</c> fails with it.
/// </summary>
public interface IControlPlaneModule
{
    string Name { get; }

    /// <summary>The kinds this part serves (and the third-party kinds it writes).</summary>
    void RegisterKinds(KindRegistry kinds)
    {
    }

    /// <summary>Starts what the part needs besides its controllers (a server, a runtime its reconcilers use).</summary>
    Task StartAsync(ModuleContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Declares the part's controllers (and runnables) on <paramref name="manager"/>. Also called on a manager that never
    /// runs, to derive CRDs and RBAC: declare, never touch the store here.
    /// </summary>
    void AddControllers(ControllerManager manager)
    {
    }

    /// <summary>The part's HTTP routes on the host's REST API port, if it has any.</summary>
    void MapRoutes(IEndpointRouteBuilder routes)
    {
    }

    /// <summary>Null while the part is healthy; else what is wrong, in words for people (it fails <c>/readyz</c>).</summary>
    string? Problem => null;

    Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
