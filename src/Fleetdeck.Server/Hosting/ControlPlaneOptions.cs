using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Fleetdeck.Core.Modules;

namespace Fleetdeck.Server.Hosting;

/// <summary>How <c>fleetdeck up</c> runs: where state lives, its three ports, and the parts it runs.</summary>
public sealed record ControlPlaneOptions
{
    public const int DefaultKubePort = 6443;
    public const int DefaultApiPort = 8480;
    public const int DefaultMetricsPort = 9480;

    public string StateDirectory { get; init; } = ".fleetdeck";

    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The Kubernetes API façade (its <c>/api</c> and <c>/apis</c> paths collide with a REST API, so it has a port of its own).</summary>
    public int KubePort { get; init; } = DefaultKubePort;

    /// <summary>The REST API and dashboard.</summary>
    public int ApiPort { get; init; } = DefaultApiPort;

    /// <summary><c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
    public int MetricsPort { get; init; } = DefaultMetricsPort;

    /// <summary>The parts it runs, in start order (stopped in reverse).</summary>
    public IReadOnlyList<IControlPlaneModule> Modules { get; init; } = [];

    /// <summary>
    /// Run the controllers (the default). Off, the control plane serves its store and APIs and reconciles nothing: for
    /// <c>fleetdeck operator</c> to reconcile against it, as against a cluster (<c>fleetdeck up --no-controllers</c>).
    /// </summary>
    public bool RunControllers { get; init; } = true;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    public TimeSpan GarbageCollectionInterval { get; init; } = TimeSpan.FromMinutes(5);
}
