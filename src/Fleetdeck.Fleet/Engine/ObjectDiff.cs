using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Engine;

/// <summary>
/// Diffs for the plan: the desired object against the live one, restricted to what the desired object sets (fields others
/// own do not show), as YAML lines marked <c>-</c>/<c>+</c>. Secret values never print: they show as a short digest.
/// </summary>
public static class ObjectDiff
{
    private static readonly HashSet<string> Ignored = ["status", "apiVersion", "kind"];

    public static string Created(JsonObject desired) => Lines(null, Redact(Project(desired, desired)));

    public static string Changed(JsonObject desired, JsonObject live) => Lines(Redact(Project(live, desired)), Redact(Project(desired, desired)));

    /// <summary>The parts of <paramref name="source"/> at the paths <paramref name="shape"/> sets (metadata: labels and annotations only).</summary>
    private static JsonObject Project(JsonObject source, JsonObject shape)
    {
        var result = new JsonObject();
        foreach (var (key, value) in shape)
        {
            if (value is null || Ignored.Contains(key)) continue;
            if (key == "metadata")
            {
                var meta = new JsonObject();
                foreach (var map in new[] { "labels", "annotations" })
                    if (value[map] is JsonObject wanted)
                    {
                        var have = source["metadata"]?[map] as JsonObject;
                        var picked = new JsonObject();
                        foreach (var (k, _) in wanted)
                            if (have?[k] is { } v) picked[k] = v.DeepClone();
                        if (picked.Count > 0) meta[map] = picked;
                    }
                if (meta.Count > 0) result[key] = meta;
                continue;
            }
            if (source[key] is { } sourceValue) result[key] = value is JsonObject inner && sourceValue is JsonObject sourceObj && key == "spec" ? ProjectDeep(sourceObj, inner) : sourceValue.DeepClone();
        }
        return result;
    }

    private static JsonObject ProjectDeep(JsonObject source, JsonObject shape)
    {
        var result = new JsonObject();
        foreach (var (key, value) in shape)
        {
            if (value is null || source[key] is not { } sourceValue) continue;
            result[key] = value is JsonObject inner && sourceValue is JsonObject sourceObj ? ProjectDeep(sourceObj, inner) : sourceValue.DeepClone();
        }
        return result;
    }

    private static JsonObject Redact(JsonObject obj)
    {
        foreach (var key in new[] { "data", "stringData" })
            if (obj[key] is JsonObject data)
                foreach (var name in data.Select(p => p.Key).ToList())
                    data[name] = $"(secret, sha256 {Digest(data[name]?.ToString() ?? "")})";
        return obj;
    }

    private static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12];

    /// <summary>A line diff (longest common subsequence) of the two YAML renderings.</summary>
    private static string Lines(JsonObject? before, JsonObject after)
    {
        var a = before is null ? [] : YamlWriter.Write(before).TrimEnd('\n').Split('\n');
        var b = YamlWriter.Write(after).TrimEnd('\n').Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var output = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                output.Append("  ").Append(a[x]).Append('\n');
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                output.Append("- ").Append(a[x++]).Append('\n');
            }
            else
            {
                output.Append("+ ").Append(b[y++]).Append('\n');
            }
        }
        return output.ToString();
    }
}
