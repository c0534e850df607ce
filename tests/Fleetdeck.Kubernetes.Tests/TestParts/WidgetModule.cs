using k8s.Models;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Kubernetes.Tests.TestParts;

/// <summary>The test Widget kind and a controller for it: each Widget gets a ConfigMap with its colour, and Ready.</summary>
public sealed class WidgetModule : IControlPlaneModule
{
    public string Name => "widgets";

    /// <summary>Every reconciler this module has made, so in-process tests can watch what they do.</summary>
    public List<ColorReconciler> Reconcilers { get; } = [];

    public void RegisterKinds(KindRegistry kinds) => TestKinds.AddTo(kinds);

    public void AddControllers(ControllerManager manager) =>
        manager.NewController("widgets")
            .For<Widget>()
            .Owns<V1ConfigMap>()
            .WithMaxConcurrency(2)
            .Complete(context =>
            {
                var reconciler = new ColorReconciler(context);
                lock (Reconcilers) Reconcilers.Add(reconciler);
                return reconciler;
            });
}
