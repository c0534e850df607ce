using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>Rendered objects as text: multi-document YAML (<c>---</c> between objects) or a JSON <c>List</c>.</summary>
public static class RenderOutput
{
    public static string Yaml(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        YamlWriter.WriteAll(objects.Select(TeamRenderer.Manifest));

    public static string Json(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var list = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new System.Text.Json.Nodes.JsonArray([.. objects.Select(TeamRenderer.Manifest)]),
        };
        return list.ToJsonString(ObjectJson.IndentedOptions) + "\n";
    }
}
