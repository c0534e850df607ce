using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Modules;

/// <summary>What a host offers the parts it starts.</summary>
public sealed record ModuleContext
{
    public required IObjectStore Store { get; init; }

    /// <summary>
    /// Where a part may keep files and generated secrets: <c>fleetdeck up</c>'s state directory. Null in a host that keeps
    /// no files (the operator: its state is the cluster's); a part that needs one says so when it starts.
    /// </summary>
    public StateDirectory? State { get; init; }

    /// <summary>The registry the host serves on <c>/metrics</c>.</summary>
    public CollectorRegistry Metrics { get; init; } = Prometheus.Metrics.NewCustomRegistry();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Called by a part whose <see cref="IControlPlaneModule.Problem"/> changed (its server died, or came back): the host
    /// has every controller look at its objects again, so that each reports what it now depends on. Rare by nature.
    /// </summary>
    public Action HealthChanged { get; init; } = () => { };

    /// <summary>The state directory, or a clear error naming the part that needs one.</summary>
    public StateDirectory RequireState(string part) =>
        State ?? throw new InvalidOperationException($"{part} keeps files in a state directory, and this host has none (it runs in fleetdeck up)");
}
