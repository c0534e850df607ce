using Fleetdeck.Core.Objects;

namespace Fleetdeck.Server.KubeApi.Faults;

/// <summary>A resource request a fault may apply to: its verb (<c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, <c>update</c>, <c>patch</c>, <c>delete</c>, <c>deletecollection</c>), kind and object.</summary>
public sealed record FaultTarget(string Verb, ResourceKind Kind, string? Namespace, string? Name, string? Subresource)
{
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
