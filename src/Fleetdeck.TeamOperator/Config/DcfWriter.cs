using System.Text;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>
/// Writes Debian control format records (Workbench's <c>launcher-env</c>): <c>\nField: value</c>; a map field puts its
/// first <c>K=V</c> on the field's line and indents the rest by two spaces, in key order.
/// </summary>
public static class DcfWriter
{
    public static string Write(JsonObject record)
    {
        var text = new StringBuilder();
        foreach (var (field, value) in record)
        {
            switch (value)
            {
                case JsonObject map:
                    text.Append('\n').Append(field).Append(": ");
                    var first = true;
                    foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        text.Append(first ? "" : "  ").Append(key).Append('=').Append(ConfigValue.Text(item)).Append('\n');
                        first = false;
                    }
                    break;
                case JsonValue:
                    if (ConfigValue.Text(value) is { Length: > 0 } scalar) text.Append('\n').Append(field).Append(": ").Append(scalar);
                    break;
            }
        }
        return ConfigValue.EnsureTrailingNewline(text.ToString());
    }
}
