using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Runtime;

/// <summary>Fluent construction of a <see cref="ControllerDefinition"/>, in controller-runtime's style.</summary>
public sealed class ControllerBuilder(ControllerManager manager, string name)
{
    private ResourceKind? _for;
    private readonly List<ResourceKind> _owns = [];
    private readonly List<WatchSource> _watches = [];
    private readonly List<ResourceKind> _writes = [];
    private readonly List<V1PolicyRule> _grants = [];
    private int _concurrency = 1;
    private Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool> _predicate = (_, _) => true;

    public ControllerBuilder For<T>() => For(manager.Kinds.Get<T>());

    public ControllerBuilder For(ResourceKind kind)
    {
        _for = kind;
        return this;
    }

    public ControllerBuilder Owns<T>() => Owns(manager.Kinds.Get<T>());

    public ControllerBuilder Owns(ResourceKind kind)
    {
        _owns.Add(kind);
        return this;
    }

    /// <summary>Wakes the keys <paramref name="map"/> gives for each event of a <typeparamref name="T"/>; updates only when <paramref name="when"/> says so.</summary>
    public ControllerBuilder Watches<T>(Func<T, IEnumerable<ObjectKey>> map, Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? when = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _watches.Add(new WatchSource(manager.Kinds.Get<T>(), obj => map((T)obj)) { UpdatePredicate = when });
        return this;
    }

    public ControllerBuilder Watches(WatchSource source)
    {
        _watches.Add(source);
        return this;
    }

    /// <summary>Declares a kind the reconciler writes without being woken by its events (see <see cref="ControllerDefinition.Writes"/>).</summary>
    public ControllerBuilder Writes<T>() => Writes(manager.Kinds.Get<T>());

    /// <inheritdoc cref="Writes{T}"/>
    public ControllerBuilder Writes(ResourceKind kind)
    {
        if (_writes.All(k => k.Key != kind.Key)) _writes.Add(kind);
        return this;
    }

    /// <summary>Declares what the Roles the reconciler writes grant (see <see cref="ControllerDefinition.Grants"/>).</summary>
    public ControllerBuilder Grants(IEnumerable<V1PolicyRule> rules)
    {
        _grants.AddRange(rules);
        return this;
    }

    /// <summary>Reconcile on spec changes (generation) and deletion only, not on status or metadata writes.</summary>
    public ControllerBuilder OnGenerationChange()
    {
        _predicate = Predicates.GenerationChangedOrDeleting;
        return this;
    }

    /// <summary>Reconcile on every change but a write of the status alone (the reconciler's own status writes do not wake it).</summary>
    public ControllerBuilder IgnoringStatusWrites()
    {
        _predicate = Predicates.NotStatusOnly;
        return this;
    }

    public ControllerBuilder WithMaxConcurrency(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _concurrency = concurrency;
        return this;
    }

    public ControllerDefinition Complete(Func<ControllerContext, IReconciler> reconciler)
    {
        var definition = new ControllerDefinition(name, _for ?? throw new InvalidOperationException($"controller {name} has no primary kind (call For<T>())"), reconciler)
        {
            Owns = [.. _owns],
            Watches = [.. _watches],
            Writes = [.. _writes],
            Grants = [.. _grants],
            MaxConcurrency = _concurrency,
            UpdatePredicate = _predicate,
        };
        manager.Add(definition);
        return definition;
    }
}
