using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>Writes JSON settings files (<c>vscode-user-settings.json</c>): one compact object, keys sorted at every level, trailing newline.</summary>
public static class JsonConfigWriter
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IReadOnlyDictionary<string, JsonNode?> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings.OrderBy(p => p.Key, StringComparer.Ordinal)) root[key] = Sorted(value);
        return root.ToJsonString(Options) + "\n";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
