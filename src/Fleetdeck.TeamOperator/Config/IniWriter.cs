using System.Text;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>
/// Writes Workbench's kebab-case INI files (<c>rserver.conf</c>, <c>launcher.conf</c>, ...) from a JSON object:
/// scalars as <c>key=value</c>, lists joined with commas (spaces for <c>auth-openid-scopes</c>), nested objects as
/// <c>\n[section]\n</c> with their own keys. Absent keys and empty strings are not written; numbers that are set are.
/// </summary>
public static class IniWriter
{
    private static readonly HashSet<string> SpaceJoined = ["auth-openid-scopes"];

    /// <param name="sectionOrder">Orders sections (a map's keys); by default they keep the object's order.</param>
    public static string Write(JsonObject file, Func<IEnumerable<KeyValuePair<string, JsonNode?>>, IEnumerable<KeyValuePair<string, JsonNode?>>>? sectionOrder = null)
    {
        var text = new StringBuilder();
        WriteKeys(text, file);
        var sections = file.Where(p => p.Value is JsonObject);
        foreach (var (name, value) in sectionOrder is null ? sections : sectionOrder(sections))
        {
            text.Append("\n[").Append(name).Append("]\n");
            WriteKeys(text, (JsonObject)value!);
        }
        return ConfigValue.EnsureTrailingNewline(text.ToString());
    }

    /// <summary>Sections in ordinal order of their names: for files that are maps (profiles, databricks).</summary>
    public static string WriteSorted(JsonObject file) => Write(file, s => s.OrderBy(p => p.Key, StringComparer.Ordinal));

    private static void WriteKeys(StringBuilder text, JsonObject section)
    {
        foreach (var (key, value) in section)
        {
            string? line = value switch
            {
                JsonArray list => string.Join(SpaceJoined.Contains(key) ? " " : ",", ConfigValue.Items(list)),
                JsonValue => ConfigValue.Text(value),
                _ => null,
            };
            if (string.IsNullOrEmpty(line)) continue;
            text.Append(key).Append('=').Append(line).Append('\n');
        }
    }
}
