using Prometheus;

namespace Fleetdeck.Core.Runtime;

/// <summary>The runtime's Prometheus metrics, per controller, in a registry of the host's choosing.</summary>
public sealed class RuntimeMetrics
{
    public RuntimeMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        Reconciles = factory.CreateCounter("fleetdeck_controller_reconcile_total", "Reconciles by controller and result.", "controller", "result");
        Errors = factory.CreateCounter("fleetdeck_controller_reconcile_errors_total", "Reconciles that threw, by controller.", "controller");
        Duration = factory.CreateHistogram("fleetdeck_controller_reconcile_duration_seconds", "Time spent in a reconcile, by controller.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        QueueDepth = factory.CreateGauge("fleetdeck_workqueue_depth", "Keys ready to be reconciled, by controller.", "controller");
        QueueWaiting = factory.CreateGauge("fleetdeck_workqueue_waiting", "Keys waiting for a delay or a backoff, by controller.", "controller");
        ActiveWorkers = factory.CreateGauge("fleetdeck_controller_active_workers", "Reconciles running now, by controller.", "controller");
        IsLeader = factory.CreateGauge("fleetdeck_leader_election_is_leader", "1 while this process holds the lease.", "lease");
    }

    public Counter Reconciles { get; }

    public Counter Errors { get; }

    public Histogram Duration { get; }

    public Gauge QueueDepth { get; }

    public Gauge QueueWaiting { get; }

    public Gauge ActiveWorkers { get; }

    public Gauge IsLeader { get; }
}
