using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Http;

namespace Fleetdeck.Provisioning.Dashboard;

/// <summary>
/// What the dashboard shows, in one read: orgs with their state, Sites with each product's readiness, and rollouts with
/// their traffic weights. Sites, products and rollouts are read by kind name from the store's registry, so the dashboard
/// shows them whenever the parts that serve them run, and needs no reference to those parts.
/// </summary>
public sealed class DashboardData(IObjectStore store, TimeProvider time)
{
    private static readonly string[] ProductKinds = ["connects", "workbenches", "packagemanagers", "chronicles", "flightdecks"];

    public async Task<DashboardView> ReadAsync(CancellationToken cancellationToken)
    {
        var orgs = (await store.ListAsync<Org>(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(OrgStatusDto.From).ToList();
        return new DashboardView(time.GetUtcNow(), orgs, await SitesAsync(cancellationToken).ConfigureAwait(false), await RolloutsAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<SiteView>> SitesAsync(CancellationToken cancellationToken)
    {
        if (store.Kinds.FindByKey("sites.core.posit.team") is not { } siteKind) return [];
        var products = new Dictionary<(string?, string), List<ProductView>>();
        foreach (var plural in ProductKinds)
        {
            if (store.Kinds.FindByKey($"{plural}.core.posit.team") is not { } kind) continue;
            foreach (var item in (await store.ListAsync(kind, cancellationToken: cancellationToken).ConfigureAwait(false)).Items)
            {
                var key = (item.Metadata.NamespaceProperty, item.Metadata.Name);
                if (!products.TryGetValue(key, out var list)) products[key] = list = [];
                list.Add(new ProductView(kind.Kind, item is IConditionedObject c && c.IsReady(), ReadyReason(item)));
            }
        }
        var sites = new List<SiteView>();
        foreach (var item in (await store.ListAsync(siteKind, cancellationToken: cancellationToken).ConfigureAwait(false)).Items)
        {
            var node = ObjectJson.ToNode(item);
            sites.Add(new SiteView(item.Metadata.NamespaceProperty, item.Metadata.Name, node["spec"]?["domain"]?.GetValue<string>(),
                item is IConditionedObject c && c.IsReady(), ReadyReason(item),
                products.TryGetValue((item.Metadata.NamespaceProperty, item.Metadata.Name), out var list) ? [.. list.OrderBy(p => p.Kind, StringComparer.Ordinal)] : []));
        }
        return sites;
    }

    private async Task<IReadOnlyList<RolloutView>> RolloutsAsync(CancellationToken cancellationToken)
    {
        if (store.Kinds.FindByKey("releasemanagers.rollouts.fleetdeck.dev") is not { } kind) return [];
        var rollouts = new List<RolloutView>();
        foreach (var item in (await store.ListAsync(kind, cancellationToken: cancellationToken).ConfigureAwait(false)).Items)
        {
            var node = ObjectJson.ToNode(item);
            var revisions = (node["status"]?["revisions"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(r => new RevisionWeight(
                    r["tag"]?.GetValue<string>() ?? "",
                    r["state"]?["current"]?.GetValue<string>() ?? "",
                    r["currentPercent"] is JsonValue v && v.TryGetValue<int>(out var percent) ? percent : 0))
                .ToList();
            rollouts.Add(new RolloutView(item.Metadata.NamespaceProperty, item.Metadata.Name,
                node["spec"]?["app"]?.GetValue<string>(), node["spec"]?["target"]?.GetValue<string>(), revisions));
        }
        return rollouts;
    }

    private static string? ReadyReason(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> item) =>
        item is IConditionedObject c ? c.Status.Find(Conditions.Ready)?.Reason : null;
}

public sealed record DashboardView(DateTimeOffset GeneratedAt, IReadOnlyList<OrgStatusDto> Orgs, IReadOnlyList<SiteView> Sites, IReadOnlyList<RolloutView> Rollouts);

public sealed record SiteView(string? Namespace, string Name, string? Domain, bool Ready, string? Reason, IReadOnlyList<ProductView> Products);

public sealed record ProductView(string Kind, bool Ready, string? Reason);

public sealed record RolloutView(string? Namespace, string Name, string? App, string? Target, IReadOnlyList<RevisionWeight> Revisions);

public sealed record RevisionWeight(string Tag, string State, int Percent);
