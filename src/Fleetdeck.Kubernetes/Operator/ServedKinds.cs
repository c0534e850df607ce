using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Kubernetes.Operator;

/// <summary>
/// Checks, through discovery, that the cluster serves every kind the controllers watch. Without this an operator on a
/// cluster without the CRDs would start and log 404s from its informers forever; with it, it stops with one line.
/// </summary>
internal static class ServedKinds
{
    public static async Task CheckAsync(KubeConnection connection, IReadOnlyList<ResourceKind> kinds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var missing = new List<ResourceKind>();
        foreach (var group in kinds.GroupBy(k => k.ApiVersion))
        {
            var path = group.First().Group.Length == 0 ? $"/api/{group.First().Version}" : $"/apis/{group.Key}";
            var served = await ResourcesAsync(connection, path, timeout, cancellationToken).ConfigureAwait(false);
            missing.AddRange(group.Where(k => !served.Contains(k.Plural)));
        }
        if (missing.Count == 0) return;
        var ours = missing.Any(k => Crds.CrdGenerator.IsOwned(k));
        throw new OperatorException(
            $"the cluster at {connection.BaseUri} does not serve {string.Join(", ", missing.Select(k => $"{k.Key}/{k.Version}"))}, which the controllers watch: " +
            (ours ? "install Fleetdeck's CRDs first (fleetdeck crds | kubectl apply -f -)" : "install the CRDs of the systems that define them"));
    }

    private static async Task<HashSet<string>> ResourcesAsync(KubeConnection connection, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await connection.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        if (!response.IsSuccessStatusCode)
            throw new OperatorException($"discovery of {path} on {connection.BaseUri} failed with HTTP {(int)response.StatusCode}");
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false));
        return [.. (list?["resources"] as JsonArray ?? []).Select(r => r?["name"]?.GetValue<string>() ?? "")];
    }
}
