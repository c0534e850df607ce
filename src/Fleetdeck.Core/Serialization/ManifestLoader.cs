using System.Text.Json.Nodes;

namespace Fleetdeck.Core.Serialization;

/// <summary>Loads manifests from a file, a directory (its <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files, in name order) or stdin (<c>-</c>).</summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<ManifestDocument> Load(string path, TextReader? stdin = null)
    {
        if (path == "-")
            return Expand(YamlReader.Read((stdin ?? Console.In).ReadToEnd(), "<stdin>"));
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0) throw new ManifestException($"{path}: no .yaml, .yml or .json files in this directory");
            return [.. files.SelectMany(LoadFile)];
        }
        if (!File.Exists(path)) throw new ManifestException($"{path}: no such file or directory");
        return LoadFile(path);
    }

    public static IReadOnlyList<ManifestDocument> LoadFile(string path) => Expand(YamlReader.Read(File.ReadAllText(path), path));

    /// <summary>Items of a <c>kind: List</c> become documents of their own.</summary>
    private static IReadOnlyList<ManifestDocument> Expand(IReadOnlyList<ManifestDocument> documents)
    {
        var result = new List<ManifestDocument>();
        foreach (var document in documents)
        {
            if (document.Root["kind"]?.GetValueKind() == System.Text.Json.JsonValueKind.String &&
                document.Root["kind"]!.GetValue<string>() == "List" && document.Root["items"] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject item) continue;
                    var prefix = FieldPath.Index("items", i);
                    var positions = document.Positions
                        .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.Length > prefix.Length)
                        .ToDictionary(p => p.Key[(prefix.Length + 1)..], p => p.Value);
                    result.Add(new ManifestDocument((JsonObject)item.DeepClone(), document.PositionOf(prefix), positions));
                }
            }
            else
            {
                result.Add(document);
            }
        }
        return result;
    }
}
