using System.Text;
using System.Text.Json.Nodes;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>
/// Writes supervisord program sections: <c>[program:name]</c> then <c>key=value</c>, programs in name order. Set numbers are
/// written even when 0: supervisord needs <c>stdout_logfile_maxbytes=0</c> to log to <c>/dev/stdout</c>.
/// </summary>
public static class SupervisordWriter
{
    public static string Write(JsonObject programs)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in programs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is not JsonObject program) continue;
            text.Append("[program:").Append(name).Append("]\n");
            foreach (var (key, item) in program)
                if (ConfigValue.Text(item) is { Length: > 0 } scalar) text.Append(key).Append('=').Append(scalar).Append('\n');
        }
        return text.ToString();
    }
}
