using k8s.Models;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.Kubernetes.Tests.TestParts;

/// <summary>The test Gadget kind and a controller declaring every role a kind can have: primary, owned, watched (one cluster-scoped).</summary>
public sealed class GadgetModule : IControlPlaneModule
{
    public string Name => "gadgets";

    public void RegisterKinds(KindRegistry kinds) =>
        kinds.Add<Gadget>(k => k with
        {
            ShortNames = ["gd", "gdt"],
            Categories = ["fleetdeck"],
            PrinterColumns = [new("Mode", "string", ".spec.mode"), new("Replicas", "integer", ".spec.replicas", "How many copies run")],
        });

    public void AddControllers(ControllerManager manager) =>
        manager.NewController("gadgets")
            .For<Gadget>()
            .Owns<V1Secret>()
            .Watches<V1ConfigMap>(cm => cm.Metadata.Labels?.TryGetValue("gadget", out var name) == true ? [new ObjectKey(cm.Metadata.NamespaceProperty, name)] : [])
            .Watches<V1Namespace>(_ => [])
            .Complete(context => new GadgetReconciler(context));

    private sealed class GadgetReconciler(ControllerContext context) : IReconciler
    {
        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            var gadget = context.Cache.Get<Gadget>(context.Kinds, key.Namespace, key.Name);
            if (gadget is null) return ReconcileResult.Done;
            gadget.Status.ObservedGeneration = gadget.Metadata.Generation;
            gadget.Status.Set(Conditions.Ready, true, "Reconciled", "ready", gadget.Metadata.Generation, context.Time.GetUtcNow());
            await context.Applier.ApplyStatusAsync(gadget, cancellationToken);
            return ReconcileResult.Done;
        }
    }
}
