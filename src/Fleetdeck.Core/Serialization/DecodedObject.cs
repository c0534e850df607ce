using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Serialization;

/// <summary>A typed object read from a manifest, with kubectl-style warnings (unknown fields) found on the way.</summary>
public sealed record DecodedObject(IKubernetesObject<V1ObjectMeta> Object, ResourceKind Kind, ManifestDocument Document, IReadOnlyList<string> Warnings);
