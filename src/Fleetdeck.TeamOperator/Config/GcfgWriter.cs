using System.Text;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>
/// Writes gcfg (<c>rstudio-connect.gcfg</c>, <c>rstudio-pm.gcfg</c>, <c>posit-chronicle.gcfg</c>) from a JSON object whose
/// properties are sections: <c>\n[Section]\n</c> then <c>Key = value</c> lines in the section's order. A list repeats its key.
/// A section whose properties are all objects is a map of subsections, written <c>[Section "name"]</c> in name order.
/// Absent keys are not written; booleans and numbers that are set are written, <c>false</c> and <c>0</c> included.
/// </summary>
public static class GcfgWriter
{
    /// <param name="sectionNames">Renames of sections (<c>RPackageRepositories</c> is written <c>RPackageRepository</c>).</param>
    /// <param name="keepEmpty">Keys written even when their value is the empty string (<c>GroupsClaim = </c> turns groups off).</param>
    public static string Write(JsonObject config, IReadOnlyDictionary<string, string>? sectionNames = null, IReadOnlySet<string>? keepEmpty = null)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in config)
        {
            if (value is not JsonObject section) continue;
            var sectionName = sectionNames?.GetValueOrDefault(name) ?? name;
            if (section.Count > 0 && section.All(p => p.Value is JsonObject))
            {
                foreach (var (subsection, body) in section.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append('\n').Append('[').Append(sectionName).Append(" \"").Append(subsection).Append("\"]\n");
                    WriteKeys(text, (JsonObject)body!, keepEmpty);
                }
                continue;
            }
            text.Append('\n').Append('[').Append(sectionName).Append("]\n");
            WriteKeys(text, section, keepEmpty);
        }
        return text.ToString();
    }

    private static void WriteKeys(StringBuilder text, JsonObject section, IReadOnlySet<string>? keepEmpty)
    {
        foreach (var (key, value) in section)
        {
            switch (value)
            {
                case JsonArray list:
                    foreach (var item in ConfigValue.Items(list)) text.Append(key).Append(" = ").Append(item).Append('\n');
                    break;
                case JsonValue:
                    var scalar = ConfigValue.Text(value);
                    if (scalar is null || (scalar.Length == 0 && keepEmpty?.Contains(key) != true)) break;
                    text.Append(key).Append(" = ").Append(scalar).Append('\n');
                    break;
            }
        }
    }
}
