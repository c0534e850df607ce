using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.KubeApi.Patching;

/// <summary>JSON patch (RFC 6902): <c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c>, <c>test</c> over JSON pointers (RFC 6901).</summary>
internal static class JsonPatch
{
    /// <summary>The API server's cap on operations in one patch.</summary>
    public const int MaxOperations = 10_000;

    public static JsonNode? Apply(JsonNode? document, JsonNode patch)
    {
        if (patch is not JsonArray operations)
            throw PatchException.BadPatch("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        if (operations.Count > MaxOperations)
            throw PatchException.BadPatch($"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        var root = document?.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op) throw PatchException.BadPatch("each JSON patch operation must be an object");
            var name = Text(op, "op") ?? throw PatchException.BadPatch("JSON patch operation has no \"op\"");
            var path = Text(op, "path") ?? throw PatchException.BadPatch($"{name} operation has no \"path\"");
            switch (name)
            {
                case "add":
                    root = Add(root, path, Value(op, name));
                    break;
                case "remove":
                    root = Remove(root, path, name, out _);
                    break;
                case "replace":
                    root = Remove(root, path, name, out _);
                    root = Add(root, path, Value(op, name));
                    break;
                case "move":
                {
                    var from = Text(op, "from") ?? throw PatchException.BadPatch("move operation has no \"from\"");
                    root = Remove(root, from, name, out var moved);
                    root = Add(root, path, moved);
                    break;
                }
                case "copy":
                {
                    var from = Text(op, "from") ?? throw PatchException.BadPatch("copy operation has no \"from\"");
                    root = Add(root, path, Get(root, from, name)?.DeepClone());
                    break;
                }
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path, name), op["value"]))
                        throw PatchException.DoesNotApply($"testing value {path} failed: test failed");
                    break;
                default:
                    throw PatchException.BadPatch($"Unexpected kind: {name}");
            }
        }
        return root;
    }

    private static JsonNode? Value(JsonObject op, string name) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw PatchException.BadPatch($"{name} operation has no \"value\"");

    private static string? Text(JsonObject op, string key) =>
        op[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static List<string> Pointer(string path)
    {
        if (path.Length == 0) return [];
        if (path[0] != '/') throw PatchException.BadPatch($"invalid JSON pointer \"{path}\": must start with /");
        return [.. path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonNode? Get(JsonNode? root, string path, string op) => Get(root, Pointer(path), op, path);

    private static JsonNode? Get(JsonNode? root, IEnumerable<string> tokens, string op, string path)
    {
        var node = root;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when Index(token, array.Count, allowEnd: false) is var i => array[i],
                _ => throw Missing(op, path),
            };
        }
        return node;
    }

    private static JsonNode? Add(JsonNode? root, string path, JsonNode? value)
    {
        var tokens = Pointer(path);
        if (tokens.Count == 0) return value;
        var parent = Get(root, tokens[..^1], "add", path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                var index = last == "-" ? array.Count : Index(last, array.Count, allowEnd: true);
                array.Insert(index, value);
                break;
            default:
                throw Missing("add", path);
        }
        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string path, string op, out JsonNode? removed)
    {
        var tokens = Pointer(path);
        if (tokens.Count == 0)
        {
            removed = root;
            return null;
        }
        var parent = Get(root, tokens[..^1], op, path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var child):
                obj.Remove(last);
                removed = child;
                break;
            case JsonArray array:
                var index = Index(last, array.Count, allowEnd: false);
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw Missing(op, path);
        }
        return root;
    }

    private static int Index(string token, int count, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || (token.Length > 1 && token[0] == '0'))
            throw PatchException.DoesNotApply($"invalid array index \"{token}\"");
        if (index > count || (!allowEnd && index == count))
            throw PatchException.DoesNotApply($"array index {index} out of bounds (length {count})");
        return index;
    }

    private static PatchException Missing(string op, string path) =>
        PatchException.DoesNotApply($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
}
