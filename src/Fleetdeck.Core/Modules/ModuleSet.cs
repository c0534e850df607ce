using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.Core.Modules;

/// <summary>
/// The parts a host runs, driven through their one lifecycle (see <see cref="IControlPlaneModule"/>): kinds, start in
/// order, controllers per manager, routes, health, stop in reverse order. <c>fleetdeck up</c>, <c>fleetdeck operator</c>
/// and the tests' hosts all go through this class, so no host can forget a step another one takes.
/// </summary>
public sealed class ModuleSet(IEnumerable<IControlPlaneModule> modules)
{
    private readonly List<IControlPlaneModule> _started = [];
    private ILogger? _logger;

    public IReadOnlyList<IControlPlaneModule> Modules { get; } = [.. modules];

    /// <summary>The first module of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>() where T : class => Modules.OfType<T>().FirstOrDefault();

    /// <summary>The default kinds and every module's own.</summary>
    public KindRegistry Kinds(KindRegistry? kinds = null)
    {
        kinds ??= KindRegistry.CreateDefault();
        foreach (var module in Modules) module.RegisterKinds(kinds);
        return kinds;
    }

    /// <summary>Starts every module in order; if one fails, those already started are stopped and the failure goes on.</summary>
    public async Task StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        _logger = context.Loggers.CreateLogger("Fleetdeck.Modules");
        foreach (var module in Modules)
        {
            try
            {
                await module.StartAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            lock (_started) _started.Add(module);
            _logger.LogInformation("Started {Module}", module.Name);
        }
    }

    public void AddControllers(ControllerManager manager)
    {
        foreach (var module in Modules) module.AddControllers(manager);
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        foreach (var module in Modules) module.MapRoutes(routes);
    }

    /// <summary>Null while every module is healthy; else each unhealthy module's name and problem.</summary>
    public string? Problem
    {
        get
        {
            var problems = Modules.Select(m => (m.Name, m.Problem)).Where(p => p.Problem is not null).Select(p => $"{p.Name}: {p.Problem}").ToList();
            return problems.Count == 0 ? null : string.Join("; ", problems);
        }
    }

    /// <summary>Stops the started modules in reverse order, each within <paramref name="eachWithin"/> (default 30 s); a failure is logged, not thrown.</summary>
    public async Task StopAsync(CancellationToken cancellationToken, TimeSpan? eachWithin = null)
    {
        List<IControlPlaneModule> started;
        lock (_started)
        {
            started = [.. _started];
            _started.Clear();
        }
        for (var i = started.Count - 1; i >= 0; i--)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(eachWithin ?? TimeSpan.FromSeconds(30));
            try
            {
                await started[i].StopAsync(timeout.Token).ConfigureAwait(false);
                _logger?.LogInformation("Stopped {Module}", started[i].Name);
            }
            catch (Exception e)
            {
                _logger?.LogWarning("Stopping {Module} failed: {Message}", started[i].Name, e.Message);
            }
        }
    }
}
