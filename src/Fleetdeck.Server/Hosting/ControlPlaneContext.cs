using Microsoft.Extensions.Logging;
using Prometheus;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Server.Hosting;

/// <summary>What the running control plane offers its parts: the store, the controllers, the state directory, metrics.</summary>
public sealed record ControlPlaneContext(
    IObjectStore Store,
    ControllerManager Manager,
    StateDirectory State,
    CollectorRegistry Metrics,
    TimeProvider Time,
    ILoggerFactory Loggers);
