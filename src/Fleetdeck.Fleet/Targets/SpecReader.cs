using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Targets;

/// <summary>
/// Decodes one part of a target document into a typed model, strictly: a field the model does not have is an error (with the
/// nearest known name), and a value of the wrong type names the field and what it should be. Errors carry file and line.
/// </summary>
internal sealed class SpecReader(ManifestDocument document, JsonSerializerOptions options)
{
    public static JsonSerializerOptions SnakeCase { get; } = Options(JsonNamingPolicy.SnakeCaseLower);

    public static JsonSerializerOptions CamelCase { get; } = Options(JsonNamingPolicy.CamelCase);

    public ManifestDocument Document => document;

    public List<TargetError> Errors { get; } = [];

    /// <summary>Reads the node at <paramref name="path"/> (e.g. <c>spec</c>); null when absent or unreadable (then <see cref="Errors"/> says why).</summary>
    public T? Read<T>(string path)
        where T : class
    {
        var node = document.Root[path];
        if (node is null) return null;
        var before = Errors.Count;
        FindUnknown(node, typeof(T), path);
        if (Errors.Count > before) return null;
        try
        {
            return node.Deserialize<T>(options);
        }
        catch (JsonException e)
        {
            var field = FieldPath.FromJsonException(e.Path);
            var full = field.Length == 0 ? path : field.StartsWith('[') ? path + field : $"{path}.{field}";
            Errors.Add(TargetError.At(document.PositionOf(full), full, Explain(e, Lookup(document.Root, full))));
            return null;
        }
    }

    public void Error(string field, string message) => Errors.Add(TargetError.At(document.PositionOf(field), field, message));

    private static string Explain(JsonException e, JsonNode? value)
    {
        var expected = e.Message.Contains("System.String", StringComparison.Ordinal) ? "a string"
            : e.Message.Contains("System.Int32", StringComparison.Ordinal) ? "a whole number"
            : e.Message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
            : e.Message.Contains("List`1", StringComparison.Ordinal) ? "a list"
            : e.Message.Contains("Dictionary`2", StringComparison.Ordinal) || e.Message.Contains("Fleetdeck", StringComparison.Ordinal) ? "a mapping"
            : null;
        if (expected is null) return e.Message.Split(" Path:", 2)[0];
        var got = value?.GetValueKind() switch
        {
            JsonValueKind.Number => $"the number {value.ToJsonString()}",
            JsonValueKind.String => $"the string \"{value.GetValue<string>()}\"",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.ToJsonString()}",
            JsonValueKind.Array => "a list",
            JsonValueKind.Object => "a mapping",
            _ => "something else",
        };
        var fix = expected == "a string" && value?.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? $" (quote it, \"{(value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : value.ToJsonString())}\", so YAML keeps it as text)"
            : "";
        return $"expected {expected}, got {got}{fix}";
    }

    private static JsonNode? Lookup(JsonNode root, string path)
    {
        JsonNode? current = root;
        foreach (var segment in Segments(path))
            current = segment is int i ? (current as JsonArray)?[i] : (current as JsonObject)?[(string)segment];
        return current;
    }

    private static IEnumerable<object> Segments(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                yield return part;
                continue;
            }
            if (bracket > 0) yield return part[..bracket];
            foreach (var index in part[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
                yield return int.TryParse(index, out var i) ? i : index.Trim('\'');
        }
    }

    private void FindUnknown(JsonNode? node, Type type, string path)
    {
        if (node is null) return;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(JsonNode).IsAssignableFrom(type)) return;
        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var child = FieldPath.Property(path, key);
                    var property = info.Properties.FirstOrDefault(p => p.Name == key);
                    if (property is null)
                    {
                        var near = Nearest(key, info.Properties.Select(p => p.Name));
                        Error(child, near is null
                            ? $"unknown field \"{key}\" (known here: {string.Join(", ", info.Properties.Select(p => p.Name))})"
                            : $"unknown field \"{key}\": did you mean \"{near}\"?");
                        continue;
                    }
                    FindUnknown(value, property.PropertyType, child);
                }
                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                foreach (var (key, value) in map) FindUnknown(value, info.ElementType!, FieldPath.Property(path, key));
                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                for (var i = 0; i < array.Count; i++) FindUnknown(array[i], info.ElementType!, FieldPath.Index(path, i));
                break;
        }
    }

    /// <summary>The known name closest to a misspelt one, if it is close enough to be the likely intent.</summary>
    internal static string? Nearest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(name.ToLowerInvariant(), k.ToLowerInvariant()))).OrderBy(p => p.d).ThenBy(p => p.k, StringComparer.Ordinal).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(2, name.Length / 3) ? best.k : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static JsonSerializerOptions Options(JsonNamingPolicy naming)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            DictionaryKeyPolicy = null,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
