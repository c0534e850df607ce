using System.Collections.Concurrent;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// What a controller last applied, and the version the object had then. When the same desired object (same bytes,
/// same owner) is rendered again and the live object is still at that version, it is known to be as wanted: the
/// copy-and-compare of a full apply is skipped. Any change by anyone moves the version and brings the full apply back.
/// </summary>
internal sealed class AppliedObjects(ObjectVersions versions)
{
    private readonly ConcurrentDictionary<(string Kind, string Namespace, string Name), (byte[] Hash, string Version)> _applied = new();

    /// <summary>The desired object's fingerprint (before the applier adds our label and owner reference).</summary>
    public static byte[] Fingerprint(IKubernetesObject<V1ObjectMeta> desired, string? ownerUid)
    {
        var bytes = ObjectJson.SerializeToUtf8(desired);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(bytes);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(ownerUid ?? ""));
        return sha.GetHashAndReset();
    }

    public bool IsCurrent(ResourceKind kind, IKubernetesObject<V1ObjectMeta> desired, byte[] fingerprint)
    {
        var key = Key(kind, desired);
        return _applied.TryGetValue(key, out var applied) &&
               applied.Hash.AsSpan().SequenceEqual(fingerprint) &&
               versions.VersionOf(kind, key.Namespace, key.Name) == applied.Version;
    }

    public ObjectVersions Versions => versions;

    /// <summary>True when the object is still at the version we last applied (whatever we applied).</summary>
    public bool IsUnchanged(ResourceKind kind, string? @namespace, string name)
    {
        var key = (kind.Key, kind.Namespaced ? @namespace ?? "" : "", name);
        return _applied.TryGetValue(key, out var applied) && versions.VersionOf(kind, @namespace, name) == applied.Version;
    }

    public void Record(ResourceKind kind, IKubernetesObject<V1ObjectMeta> live, byte[] fingerprint) =>
        _applied[Key(kind, live)] = (fingerprint, live.Metadata.ResourceVersion);

    public void Forget(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj) => _applied.TryRemove(Key(kind, obj), out _);

    private static (string Kind, string Namespace, string Name) Key(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj) =>
        (kind.Key, kind.Namespaced ? obj.Metadata.NamespaceProperty ?? "" : "", obj.Metadata.Name);
}
