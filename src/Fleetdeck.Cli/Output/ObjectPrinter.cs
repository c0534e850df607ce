using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Cli.Output;

/// <summary>Objects as YAML or JSON; several objects as a <c>v1 List</c>, as kubectl prints them.</summary>
internal static class ObjectPrinter
{
    public static string Format(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> items, string format, bool single)
    {
        JsonNode node = single
            ? ObjectJson.ToNode(items.Single())
            : new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "List",
                ["items"] = new JsonArray([.. items.Select(i => (JsonNode)ObjectJson.ToNode(i))]),
                ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
            };
        return format == "json"
            ? node.ToJsonString(ObjectJson.IndentedOptions) + "\n"
            : YamlWriter.Write(node);
    }
}
