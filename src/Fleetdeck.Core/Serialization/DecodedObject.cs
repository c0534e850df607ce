using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Serialization;

/// <summary>
/// A typed object read from a manifest, with kubectl-style warnings (unknown fields) found on the way, and
/// <see cref="Applied"/>: the manifest's own fields (not the typed object's defaults), without the unknown ones.
/// </summary>
public sealed record DecodedObject(IKubernetesObject<V1ObjectMeta> Object, ResourceKind Kind, ManifestDocument Document, IReadOnlyList<string> Warnings, JsonObject Applied);
