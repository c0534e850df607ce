using k8s;
using k8s.Models;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Fleet.Engine;

/// <summary>An object a step wants in a store; <see cref="Keep"/> marks what <c>--destroy</c> leaves (retained data).</summary>
public sealed record DesiredObject(IObjectStore Store, IKubernetesObject<V1ObjectMeta> Object, bool Keep = false, bool WaitReady = false);
