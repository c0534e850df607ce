using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>How a JSON scalar is written in a configuration file: strings as they are, booleans as <c>true</c>/<c>false</c>, numbers invariant.</summary>
internal static class ConfigValue
{
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        },
        _ => null,
    };

    public static IEnumerable<string> Items(JsonArray array) =>
        array.Select(Text).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!);

    public static string EnsureTrailingNewline(string text) => text.EndsWith('\n') ? text : text + "\n";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
