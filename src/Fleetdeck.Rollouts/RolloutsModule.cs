using k8s.Models;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Rollouts.Admission;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;
using Fleetdeck.Rollouts.Controllers;
using Fleetdeck.Rollouts.Metrics;
using Fleetdeck.Rollouts.Slo;

namespace Fleetdeck.Rollouts;

/// <summary>
/// The rollout engine as a part of the control plane: the kinds <c>Revision</c>, <c>ReleaseManager</c>, <c>Cluster</c>
/// (plus the Istio and Prometheus Operator kinds it writes to clusters) and their controllers. Also hosted, to bind its
/// metrics to the host's registry before the controllers start.
/// </summary>
public sealed class RolloutsModule(RolloutOptions? options = null) : IControlPlaneModule
{
    private ClusterClients? _clients;

    public string Name => "rollouts";

    public RolloutOptions Options { get; set; } = options ?? new RolloutOptions();

    public RolloutMetrics Metrics { get; } = new();

    /// <summary>The simulated clusters of the embedded mode (a test reaches them here to make a tag crash).</summary>
    public SimulatedFleet? Simulated { get; private set; }

    public ClusterClients? Clients => _clients;

    public void RegisterKinds(KindRegistry kinds) => Register(kinds);

    public static KindRegistry Register(KindRegistry kinds)
    {
        var ready = new PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status");
        return kinds
            .Add<Revision>(k => k with
            {
                ShortNames = ["rev"],
                Admission = new RevisionAdmission(),
                PrinterColumns = [new("App", "string", ".spec.app.name"), new("Tag", "string", ".spec.app.tag"), new("Failed", "boolean", ".spec.failed"), ready],
            })
            .Add<ReleaseManager>(k => k with
            {
                ShortNames = ["rm"],
                PrinterColumns = [new("App", "string", ".spec.app"), new("Target", "string", ".spec.target"), new("Fleet", "string", ".spec.fleet"), ready],
            })
            .Add<Cluster>(k => k with
            {
                ShortNames = ["cl"],
                Admission = new ClusterAdmission(),
                PrinterColumns = [new("Enabled", "boolean", ".spec.enabled"), new("Standby", "boolean", ".spec.hotStandby"), ready],
            })
            .Add<VirtualService>(k => k with { HasStatus = false, ShortNames = ["vs"], ThirdParty = true })
            .Add<DestinationRule>(k => k with { HasStatus = false, ShortNames = ["dr"], ThirdParty = true })
            .Add<PrometheusRule>(k => k with { HasStatus = false, ThirdParty = true });
    }

    public void AddControllers(ControllerManager manager)
    {
        var time = manager.Context.Time;
        Simulated ??= new SimulatedFleet(manager.Kinds, time);
        _clients ??= new ClusterClients(manager.Kinds, Simulated);
        var alerts = Options.Alerts is null ? (IAlertSource)Simulated : new CompositeAlertSource([Options.Alerts, Simulated]);
        var cache = manager.Context.Cache;
        var kinds = manager.Kinds;

        manager.NewController("rollouts-revisions")
            .For<Revision>()
            // By label: every ReleaseManager status write lands here, and copying every Revision of the namespace for it
            // was most of the engine's CPU with hundreds of apps.
            .Watches<ReleaseManager>(rm => rm.Spec.App is not { Length: > 0 } app ? []
                : cache.List<Revision>(kinds, rm.Metadata.NamespaceProperty, LabelSelector.Equal(RolloutsGroup.AppLabel, app))
                    .Where(r => r.Spec.App.Name == app).Select(ObjectKey.Of))
            .Writes<Revision>() // deleted when expired
            .Writes<ReleaseManager>()
            .WithMaxConcurrency(Options.MaxConcurrentRevisions)
            .Complete(context => new RevisionReconciler(context));

        manager.NewController("rollouts-releasemanagers")
            // Status writes wake nothing here: its own would double every tick, and a Revision's status is copied from
            // the ReleaseManager. A tick schedules the next one itself (NextTick).
            .For<ReleaseManager>()
            .IgnoringStatusWrites()
            .Watches<Revision>(r => r.Spec.Targets.Where(t => t.Name is not null && r.Spec.App.Name is not null)
                .Select(t => new ObjectKey(r.Metadata.NamespaceProperty, ReleaseManager.NameFor(r.Spec.App.Name!, t.Name!))), when: Predicates.NotStatusOnly)
            .Watches<Cluster>(c => cache.List<ReleaseManager>(kinds, selector: c.Fleet is { } fleet ? LabelSelector.Equal(RolloutsGroup.FleetLabel, fleet) : null)
                .Where(rm => rm.Spec.Fleet == c.Fleet).Select(ObjectKey.Of))
            .Writes<ReleaseManager>() // deleted when no Revision is left
            .WithMaxConcurrency(Options.MaxConcurrentReleaseManagers)
            .Complete(context => new ReleaseManagerReconciler(context, Options, _clients, alerts, Metrics, new AppliedObjects(time, Options.SyncPeriod)));

        manager.NewController("rollouts-clusters")
            .For<Cluster>()
            .Watches<V1Secret>(s => cache.List<Cluster>(kinds, s.Metadata.NamespaceProperty)
                .Where(c => c.Spec.KubeconfigSecret == s.Metadata.Name).Select(ObjectKey.Of))
            .Complete(context => new ClusterReconciler(context, _clients, Options));
    }

    public Task StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        Metrics.Bind(context.Metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _clients?.Dispose();
        return Task.CompletedTask;
    }
}
