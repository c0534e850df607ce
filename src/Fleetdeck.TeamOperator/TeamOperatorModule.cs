using k8s.Models;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Api.ThirdParty;
using Fleetdeck.TeamOperator.Controllers;
using Fleetdeck.TeamOperator.Databases;
using Fleetdeck.TeamOperator.Products.Chronicle;
using Fleetdeck.TeamOperator.Products.Connect;
using Fleetdeck.TeamOperator.Products.Flightdeck;
using Fleetdeck.TeamOperator.Products.PackageManager;
using Fleetdeck.TeamOperator.Products.Workbench;
using Fleetdeck.TeamOperator.Simulation;
using Fleetdeck.TeamOperator.Sites;

namespace Fleetdeck.TeamOperator;

/// <summary>
/// The team operator as a part of the control plane: the <c>core.posit.team</c> kinds (and the third-party kinds it
/// writes), the Site controller, one controller per product, and, in embedded mode, the workload simulator.
/// </summary>
public sealed class TeamOperatorModule : IControlPlaneModule
{
    private static readonly Type[] WebProductTypes =
    [
        typeof(PostgresDatabase), typeof(V1Secret), typeof(SecretProviderClass), typeof(V1ConfigMap), typeof(V1Role), typeof(V1RoleBinding),
        typeof(V1ServiceAccount), typeof(V1PersistentVolumeClaim), typeof(V1Deployment), typeof(V1Service), typeof(TraefikMiddleware),
        typeof(V1Ingress), typeof(V1PodDisruptionBudget),
    ];

    private readonly TeamOperatorOptions _options;
    private Func<AppliedObjects> _applied = () => throw new InvalidOperationException("controllers are not added yet");

    /// <param name="fallback">Embedded mode's managed PostgreSQL (null in operator mode).</param>
    public TeamOperatorModule(IMainDatabaseFallback? fallback = null, TeamOperatorOptions? options = null)
    {
        _options = (options ?? new TeamOperatorOptions()) with { Fallback = fallback ?? options?.Fallback };
    }

    /// <summary><c>fleetdeck up</c>: the managed database as fallback, simulated workloads.</summary>
    public static TeamOperatorModule Embedded(IMainDatabaseFallback? fallback = null, SimulatorOptions? simulator = null) =>
        new(fallback, new TeamOperatorOptions { Simulator = simulator ?? new SimulatorOptions() });

    /// <summary><c>fleetdeck operator</c>: against a real cluster, whose kubelets run the pods; no fallback, no simulator.</summary>
    public static TeamOperatorModule Operator() => new(null, new TeamOperatorOptions());

    public string Name => "team-operator";

    public TeamOperatorOptions Options => _options;

    public void RegisterKinds(KindRegistry kinds) => TeamKinds.AddTo(kinds);

    public void AddControllers(ControllerManager manager)
    {
        var concurrency = _options.MaxConcurrency;
        var versions = new ObjectVersions();
        var written = WebProductTypes.Concat(SiteReconciler.SiteOwnedTypes).Concat(SiteReconciler.Products.Select(p => p.Type))
            .Concat([typeof(V1StatefulSet), typeof(V1Role), typeof(V1RoleBinding), typeof(V1Service), typeof(V1PodDisruptionBudget)]).Distinct();
        foreach (var type in written) versions.Track(manager.Informers, manager.Kinds.Get(type));
        _applied = () => new AppliedObjects(versions);
        var siteReferences = new SecretReferences();
        // Reconciles follow spec changes and the status of what readiness depends on (products, workloads, databases,
        // referenced Secrets), not a controller's own status writes. Drift in other owned objects is undone at the resync.
        var sites = manager.NewController("sites").For<Site>().OnGenerationChange();
        foreach (var (type, _) in SiteReconciler.Products) sites.Watches(OwnerWhenObserved(manager.Kinds.Get(type), manager.Kinds.Get<Site>()));
        foreach (var type in SiteReconciler.SiteOwnedTypes.Concat(SiteReconciler.Products.Select(p => p.Type))) sites.Writes(manager.Kinds.Get(type));
        sites.Watches<V1Secret>(s => siteReferences.Readers(s.Metadata.NamespaceProperty, s.Metadata.Name))
            .WithMaxConcurrency(concurrency)
            .Complete(context => new SiteReconciler(context, _options, siteReferences, _applied()));

        AddProduct(manager, new ProductDefinition<Api.Connect>("connects",
            (c, inputs, render) => new ConnectRenderer(inputs, render).Render(c),
            c => [$"{c.Metadata.Name}-connect-key"], WebProductTypes) { RoleGrants = Rendering.Accounts.LauncherRules });
        AddProduct(manager, new ProductDefinition<Api.Workbench>("workbenches",
            (w, inputs, render) => new WorkbenchRenderer(inputs, render).Render(w),
            w => [$"{w.Metadata.Name}-workbench-key"], WebProductTypes) { RoleGrants = Rendering.Accounts.LauncherRules });
        AddProduct(manager, new ProductDefinition<Api.PackageManager>("packagemanagers",
            (p, inputs, render) => new PackageManagerRenderer(inputs, render).Render(p),
            p => [$"{p.Metadata.Name}-packagemanager-key"], WebProductTypes));
        AddProduct(manager, new ProductDefinition<Api.Chronicle>("chronicles",
            (c, _, _) => new ChronicleRenderer().Render(c),
            _ => [], [typeof(V1ConfigMap), typeof(V1ServiceAccount), typeof(V1StatefulSet), typeof(V1Service)]));
        AddProduct(manager, new ProductDefinition<Api.Flightdeck>("flightdecks",
            (f, _, _) => new FlightdeckRenderer().Render(f),
            _ => [], [typeof(V1ServiceAccount), typeof(V1Role), typeof(V1RoleBinding), typeof(V1Deployment), typeof(V1Service), typeof(V1Ingress)])
            { RoleGrants = FlightdeckRenderer.SiteReaderRules });

        if (_options.Simulator is { } simulator)
        {
            manager.NewController("simulated-deployments").For<V1Deployment>().WithMaxConcurrency(concurrency)
                .Complete(context => new WorkloadSimulator<V1Deployment>(context, simulator));
            manager.NewController("simulated-statefulsets").For<V1StatefulSet>().WithMaxConcurrency(concurrency)
                .Complete(context => new WorkloadSimulator<V1StatefulSet>(context, simulator));
            manager.NewController("simulated-daemonsets").For<V1DaemonSet>().WithMaxConcurrency(concurrency)
                .Complete(context => new WorkloadSimulator<V1DaemonSet>(context, simulator));
        }
    }

    /// <summary>
    /// Wakes the owner when an owned object's status has been written by whoever acts on it (kubelet, simulator,
    /// database provisioner), or when it is deleted: not for the object's creation, which the owner did itself.
    /// </summary>
    private static WatchSource OwnerWhenObserved(ResourceKind owned, ResourceKind owner) => new(owned, obj =>
    {
        var reference = OwnerReferences.GetController(obj);
        if (reference is null || reference.Kind != owner.Kind || !reference.ApiVersion.StartsWith(owner.Group, StringComparison.Ordinal)) return [];
        var observed = obj switch
        {
            V1Deployment d => d.Status?.ObservedGeneration is not null,
            V1StatefulSet s => s.Status?.ObservedGeneration is not null,
            IConditionedObject c => c.Status.ObservedGeneration is not null || c.Status.Conditions is { Count: > 0 },
            _ => true,
        };
        return observed || obj.Metadata.DeletionTimestamp is not null ? [new ObjectKey(obj.Metadata.NamespaceProperty, reference.Name)] : [];
    });

    private void AddProduct<T>(ControllerManager manager, ProductDefinition<T> definition) where T : class, IConditionedObject
    {
        var references = new SecretReferences();
        var builder = manager.NewController(definition.ControllerName).For<T>().OnGenerationChange();
        foreach (var type in definition.OwnedTypes.Where(t => t == typeof(V1Deployment) || t == typeof(V1StatefulSet) || t == typeof(PostgresDatabase)))
            builder.Watches(OwnerWhenObserved(manager.Kinds.Get(type), manager.Kinds.Get<T>()));
        foreach (var type in definition.OwnedTypes) builder.Writes(manager.Kinds.Get(type));
        builder.Grants(definition.RoleGrants);
        builder.Watches<V1Secret>(s => references.Readers(s.Metadata.NamespaceProperty, s.Metadata.Name))
            .WithMaxConcurrency(_options.MaxConcurrency)
            .Complete(context => new ProductReconciler<T>(context, definition, _options, references, _applied()));
    }
}
