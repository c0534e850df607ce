using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Crds;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Kubernetes.Tests.RealCluster;

/// <summary>
/// The cluster the opt-in tests run against: <c>FLEETDECK_TEST_KUBECONFIG</c> names its kubeconfig. These tests carry
/// the <c>RealCluster</c> category, which <c>./scripts/test</c> leaves out; run on their own without a cluster, they fail
/// saying so, never pass or skip in silence.
/// </summary>
public static class RealCluster
{
    public const string Variable = "FLEETDECK_TEST_KUBECONFIG";
    public const string Category = "RealCluster";

    public static KubeConnection Connect()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
            throw new InvalidOperationException($"{Variable} is not set: the {Category} tests need a Kubernetes cluster (see docs/operating.md); ./scripts/test leaves them out");
        return KubeConnection.FromKubeconfig(path);
    }

    /// <summary>Installs (or updates) the CRDs of the given kinds, as generated, and waits until the cluster serves them.</summary>
    public static async Task InstallCrdsAsync(KubernetesObjectStore store, KindRegistry kinds)
    {
        foreach (var crd in new CrdGenerator().Generate(kinds))
        {
            var existing = await store.GetAsync<V1CustomResourceDefinition>(null, crd.Metadata.Name);
            if (existing is null)
            {
                await store.CreateAsync(crd);
            }
            else
            {
                crd.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await store.UpdateAsync(crd);
            }
        }
        // Served once discovery lists it (on a cluster that is once the CRD is Established).
        var kubernetes = store;
        foreach (var kind in kinds.All.Where(CrdGenerator.IsOwned))
        {
            await Eventually.HoldsAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/apis/{kind.ApiVersion}");
                using var response = await kubernetes.Connection.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains($"\"name\":\"{kind.Plural}\"", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(60), $"{kind.Key} is served");
        }
    }
}
