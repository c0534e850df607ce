using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>What a reconciler is built with: the store to write through, the cache to read from, the clock, logging.</summary>
public sealed record ControllerContext(
    IObjectStore Store,
    IObjectCache Cache,
    ObjectApplier Applier,
    TimeProvider Time,
    ILoggerFactory Loggers)
{
    public KindRegistry Kinds => Store.Kinds;
}
