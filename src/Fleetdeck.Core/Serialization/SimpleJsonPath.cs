using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetdeck.Core.Serialization;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*]</c> and
/// <c>.conditions[?(@.type=="Ready")].status</c>. Returns the text a table would show ("" when absent).
/// </summary>
public static partial class SimpleJsonPath
{
    public static string Evaluate(JsonNode? root, string path)
    {
        var nodes = new List<JsonNode?> { root };
        foreach (Match step in Step().Matches(path))
        {
            var next = new List<JsonNode?>();
            foreach (var node in nodes)
            {
                if (step.Groups["name"].Success)
                {
                    if (node is JsonObject obj && obj.TryGetPropertyValue(step.Groups["name"].Value, out var child)) next.Add(child);
                }
                else if (step.Groups["index"].Success)
                {
                    var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (node is JsonArray array && index < array.Count) next.Add(array[index]);
                }
                else if (step.Groups["all"].Success)
                {
                    if (node is JsonArray array) next.AddRange(array);
                }
                else if (step.Groups["field"].Success && node is JsonArray filtered)
                {
                    var field = step.Groups["field"].Value;
                    var value = step.Groups["value"].Value;
                    next.AddRange(filtered.Where(item => item is JsonObject o && o[field] is JsonValue v && v.ToString() == value));
                }
            }
            nodes = next;
        }

        return string.Join(",", nodes.Where(n => n is not null).Select(Text));
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        null => "",
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("""\.(?<name>[A-Za-z0-9_-]+)|\[(?<index>\d+)\]|\[(?<all>\*)\]|\[\?\(@\.(?<field>[A-Za-z0-9_-]+)\s*==\s*["'](?<value>[^"']*)["']\)\]""")]
    private static partial Regex Step();
}
