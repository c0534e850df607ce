using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// The resourceVersion of every object of the kinds the team operator writes, kept current by the informers' events:
/// a way to know an object is unchanged without copying it out of the cache.
/// </summary>
public sealed class ObjectVersions
{
    private readonly ConcurrentDictionary<(string Kind, string Namespace, string Name), string> _versions = new();

    public void Track(InformerFactory informers, ResourceKind kind) => informers.For(kind).AddHandler(new Handler(this, kind.Key));

    public string? VersionOf(ResourceKind kind, string? @namespace, string name) =>
        _versions.TryGetValue((kind.Key, kind.Namespaced ? @namespace ?? "" : "", name), out var version) ? version : null;

    private sealed class Handler(ObjectVersions versions, string kind) : IInformerHandler
    {
        public void OnAdd(IKubernetesObject<V1ObjectMeta> obj) => versions._versions[Key(obj)] = obj.Metadata.ResourceVersion;

        public void OnUpdate(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current) => versions._versions[Key(current)] = current.Metadata.ResourceVersion;

        public void OnDelete(IKubernetesObject<V1ObjectMeta> obj) => versions._versions.TryRemove(Key(obj), out _);

        private (string, string, string) Key(IKubernetesObject<V1ObjectMeta> obj) => (kind, obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name);
    }
}
