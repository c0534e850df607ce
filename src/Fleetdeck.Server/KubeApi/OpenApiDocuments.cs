using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// OpenAPI v3 documents: <c>/openapi/v3</c> lists one document per group-version, and each document describes the
/// operations on its kinds (paths, verbs, query parameters, <c>x-kubernetes-group-version-kind</c>), without schemas.
/// kubectl reads them to learn that this server validates fields itself (the <c>fieldValidation</c> parameter of PATCH);
/// without them it refuses to apply. With no schemas, kubectl computes strategic merge patches from its built-in types,
/// and <c>kubectl explain</c> has nothing to explain. OpenAPI v2 is not served.
/// </summary>
internal sealed class OpenApiDocuments(KindRegistry kinds)
{
    private static readonly string[] WriteParameters = ["dryRun", "fieldManager", "fieldValidation", "pretty"];
    private static readonly string[] ReadParameters = ["pretty"];
    private static readonly string[] ListParameters =
        ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "watch", "pretty"];
    private static readonly string[] DeleteParameters = ["dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy", "pretty"];

    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in GroupVersions())
        {
            var path = Path(group, version);
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={Hash(Document(group, version)!)}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of <c>api/v1</c> or <c>apis/{group}/{version}</c>; null for one not served.</summary>
    public JsonObject? Document(string path)
    {
        foreach (var (group, version) in GroupVersions())
            if (Path(group, version) == path) return Document(group, version);
        return null;
    }

    private JsonObject? Document(string group, string version)
    {
        var served = kinds.All.Where(k => k.Group == group && k.Version == version).OrderBy(k => k.Plural, StringComparer.Ordinal).ToList();
        if (served.Count == 0) return null;
        var paths = new JsonObject();
        foreach (var kind in served)
        {
            var prefix = $"/{Path(group, version)}/{(kind.Namespaced ? "namespaces/{namespace}/" : "")}{kind.Plural}";
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation(kind, "list", ListParameters),
                ["post"] = Operation(kind, "post", WriteParameters, body: ["application/json", "application/yaml"], created: true),
                ["delete"] = Operation(kind, "deletecollection", [.. DeleteParameters, "labelSelector", "fieldSelector"]),
            };
            paths[$"{prefix}/{{name}}"] = ItemOperations(kind, PatchTypes);
            if (kind.HasStatus) paths[$"{prefix}/{{name}}/status"] = ItemOperations(kind, PatchTypes, status: true);
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = Discovery.Version()["gitVersion"]!.DeepClone() },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject ItemOperations(ResourceKind kind, string[] patchTypes, bool status = false)
    {
        var operations = new JsonObject
        {
            ["get"] = Operation(kind, "get", ReadParameters),
            ["put"] = Operation(kind, "put", WriteParameters, body: ["application/json", "application/yaml"]),
            ["patch"] = Operation(kind, "patch", WriteParameters, body: patchTypes),
        };
        if (!status) operations["delete"] = Operation(kind, "delete", DeleteParameters, body: ["application/json"]);
        return operations;
    }

    // Strategic merge patch is left out on purpose: listing it would send kubectl looking for schemas that are not here.
    private static readonly string[] PatchTypes = ["application/json-patch+json", "application/merge-patch+json"];

    private static JsonObject Operation(ResourceKind kind, string action, IEnumerable<string> parameters, string[]? body = null, bool created = false)
    {
        var operation = new JsonObject
        {
            ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            })]),
        };
        if (body is not null)
        {
            var content = new JsonObject();
            foreach (var type in body) content[type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
            operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = action != "delete" };
        }
        var responses = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } };
        if (created) responses["201"] = new JsonObject { ["description"] = "Created" };
        operation["responses"] = responses;
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };
        return operation;
    }

    private IEnumerable<(string Group, string Version)> GroupVersions() =>
        kinds.All.Select(k => (k.Group, k.Version)).Distinct().OrderBy(g => g.Group, StringComparer.Ordinal).ThenBy(g => g.Version, StringComparer.Ordinal);

    private static string Path(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString(ObjectJson.Options))));
}
