using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Provisioning.Tests.Support;

/// <summary>
/// Stands in for the team operator's Site kind (<c>core.posit.team/v1beta1</c>) until it lands: same group, kind and
/// plural, any spec. Tests set its Ready condition by hand, as the team operator would.
/// </summary>
[KubernetesEntity(Group = "core.posit.team", ApiVersion = "v1beta1", Kind = "Site", PluralName = "sites")]
public sealed class TestSite : CustomResource<TestSiteSpec, ResourceStatus>
{
    public static async Task MarkReadyAsync(IObjectStore store, string @namespace, string name, bool ready = true, string message = "all products ready") =>
        await store.MutateAsync<TestSite>(@namespace, name, site => site.Status.Set(Conditions.Ready, ready, ready ? "Ready" : "ProductsNotReady", message, site.Metadata.Generation, DateTimeOffset.UtcNow), status: true);
}

public sealed class TestSiteSpec
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }
}

/// <summary>Registers <see cref="TestSite"/> (as the team operator's module would register Site) and the rollout engine's real kinds.</summary>
public sealed class TestSiteModule : IControlPlaneModule
{
    public string Name => "test sites";

    public void RegisterKinds(KindRegistry kinds) => Fleetdeck.Rollouts.RolloutsModule.Register(kinds.Add<TestSite>().Add<TestConnect>());

    public void AddControllers(ControllerManager manager)
    {
    }
}

/// <summary>Stands in for the team operator's Connect kind, for the dashboard's product readiness.</summary>
[KubernetesEntity(Group = "core.posit.team", ApiVersion = "v1beta1", Kind = "Connect", PluralName = "connects")]
public sealed class TestConnect : CustomResource<TestSiteSpec, ResourceStatus>;
