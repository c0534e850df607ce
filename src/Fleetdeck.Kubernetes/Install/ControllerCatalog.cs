using k8s;
using k8s.Models;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Kubernetes.Install;

/// <summary>
/// What a set of modules declares, without running anything: the kinds they register and the controllers they add
/// (each with its primary, owned and watched kinds). CRDs, RBAC and the operator's start-up checks derive from it, so a
/// module's kinds and controllers are covered as soon as it is listed.
/// </summary>
public sealed record ControllerCatalog(KindRegistry Kinds, IReadOnlyList<ControllerDefinition> Controllers)
{
    public static ControllerCatalog From(IEnumerable<IControlPlaneModule> modules, KindRegistry? kinds = null)
    {
        var list = modules.ToList();
        kinds ??= KindRegistry.CreateDefault();
        foreach (var module in list) module.RegisterKinds(kinds);
        // A manager only records definitions until it runs; its store is never called here.
        var manager = new ControllerManager(new DeclarationsOnlyStore(kinds));
        foreach (var module in list) module.AddControllers(manager);
        return new ControllerCatalog(kinds, [.. manager.Definitions]);
    }

    /// <summary>Every kind some controller reads through an informer, in a stable order.</summary>
    public IReadOnlyList<ResourceKind> WatchedKinds =>
        [.. Controllers.SelectMany(c => c.AllKinds).DistinctBy(k => k.Key).OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Plural, StringComparer.Ordinal)];

    /// <summary>A store that refuses every call: declaring controllers must not touch one.</summary>
    private sealed class DeclarationsOnlyStore(KindRegistry kinds) : IObjectStore
    {
        public KindRegistry Kinds => kinds;

        private static InvalidOperationException Refused() => new("a module touched the store while declaring its controllers; do that in the reconciler");

        public Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default) => throw Refused();

        public Task<ObjectList> ListAsync(ResourceKind kind, ListOptions? options = null, CancellationToken cancellationToken = default) => throw Refused();

        public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> => throw Refused();

        public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> => throw Refused();

        public Task<T> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> => throw Refused();

        public Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw Refused();

        public IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, WatchOptions? options = null, CancellationToken cancellationToken = default) => throw Refused();
    }
}
