using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// The legacy discovery documents (<c>APIVersions</c>, <c>APIGroupList</c>, <c>APIGroup</c>, <c>APIResourceList</c>), built from the
/// kind registry. Aggregated discovery (<c>apidiscovery.k8s.io</c>) is not served: clients that ask for it also accept
/// plain JSON and fall back to these documents, as they do with older API servers.
/// </summary>
internal sealed class Discovery(KindRegistry kinds)
{
    // The groups of a real API server come first, in its order, so that ambiguous short names resolve as there.
    private static readonly string[] BuiltInGroupOrder =
    [
        "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
        "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io", "flowcontrol.apiserver.k8s.io",
    ];

    private static readonly string[] CollectionVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    public static JsonObject Version() => new()
    {
        // The façade speaks the API of this Kubernetes minor version (the kubectl on our machines is its client).
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0+fleetdeck",
        ["gitCommit"] = "",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "1970-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray([.. CoreVersions().Select(v => (JsonNode)v)]),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups().Select(g => (JsonNode)Group(g, withTypeMeta: false)!)]),
    };

    public JsonObject? Group(string group) => Groups().Contains(group) ? Group(group, withTypeMeta: true) : null;

    public bool ServesGroupVersion(string group, string version) => kinds.All.Any(k => k.Group == group && k.Version == version);

    public JsonObject? ResourceList(string group, string version)
    {
        var served = kinds.All.Where(k => k.Group == group && k.Version == version).OrderBy(k => k.Plural, StringComparer.Ordinal).ToList();
        if (served.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var kind in served)
        {
            var resource = new JsonObject
            {
                ["name"] = kind.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Namespaced,
                ["kind"] = kind.Kind,
                ["verbs"] = Strings(CollectionVerbs),
            };
            if (kind.ShortNames.Count > 0) resource["shortNames"] = Strings(kind.ShortNames);
            if (kind.Categories.Count > 0) resource["categories"] = Strings(kind.Categories);
            resources.Add(resource);
            if (kind.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{kind.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = kind.Namespaced,
                    ["kind"] = kind.Kind,
                    ["verbs"] = Strings(StatusVerbs),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private IEnumerable<string> CoreVersions() =>
        kinds.All.Where(k => k.Group.Length == 0).Select(k => k.Version).Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("v1");

    private List<string> Groups()
    {
        var groups = kinds.All.Select(k => k.Group).Where(g => g.Length > 0).Distinct().ToList();
        return [.. groups.OrderBy(g => Array.IndexOf(BuiltInGroupOrder, g) is var i and >= 0 ? i : BuiltInGroupOrder.Length).ThenBy(g => g, StringComparer.Ordinal)];
    }

    private JsonObject Group(string group, bool withTypeMeta)
    {
        // One version per kind, but a group may serve several versions; the newest-looking one is preferred.
        var versions = kinds.All.Where(k => k.Group == group).Select(k => k.Version).Distinct()
            .OrderByDescending(VersionPriority).ToList();
        JsonObject Entry(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        var result = new JsonObject();
        if (withTypeMeta)
        {
            result["kind"] = "APIGroup";
            result["apiVersion"] = "v1";
        }
        result["name"] = group;
        result["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Entry(v))]);
        result["preferredVersion"] = Entry(versions[0]);
        return result;
    }

    /// <summary>GA before beta before alpha, higher numbers first, as Kubernetes sorts versions.</summary>
    private static (int Stability, int Major, int Minor) VersionPriority(string version)
    {
        var m = System.Text.RegularExpressions.Regex.Match(version, @"^v(\d+)(?:(alpha|beta)(\d+))?$");
        if (!m.Success) return (0, 0, 0);
        var stability = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (stability, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), minor);
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
