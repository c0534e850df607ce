using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Engine;

/// <summary>
/// Step outputs of one target, kept in <c>&lt;state_dir&gt;/&lt;target&gt;/outputs.json</c> (one entry per step, sorted keys),
/// typed on the way in and out. Written only when an output changes, atomically (write, then rename).
/// </summary>
public sealed class OutputsBook
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _file;
    private readonly SortedDictionary<string, JsonNode?> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public OutputsBook(string stateDir, string target)
    {
        _file = Path.Combine(stateDir, target, "outputs.json");
        if (!System.IO.File.Exists(_file)) return;
        try
        {
            if (JsonNode.Parse(System.IO.File.ReadAllText(_file)) is JsonObject obj)
                foreach (var (key, value) in obj) _entries[key] = value?.DeepClone();
        }
        catch (JsonException e)
        {
            throw new StepFailedException($"outputs file {_file} is not valid JSON ({e.Message}): remove it and run ensure again to rebuild it");
        }
    }

    public string File => _file;

    /// <summary>Outputs recorded for <paramref name="step"/>, or null when it has not run.</summary>
    public T? Get<T>(string step)
        where T : class
    {
        lock (_lock) return _entries.TryGetValue(step, out var node) ? node.Deserialize<T>(Options) : null;
    }

    public T Require<T>(string step, string forStep)
        where T : class =>
        Get<T>(step) ?? throw new StepFailedException($"{forStep} needs the outputs of {step}, which has not run: run ensure without --only/--from, or with --from {step}");

    public IReadOnlyDictionary<string, JsonNode?> All()
    {
        lock (_lock) return _entries.ToDictionary(e => e.Key, e => e.Value?.DeepClone(), StringComparer.Ordinal);
    }

    /// <summary>Records <paramref name="outputs"/>; returns true when they changed (and were written).</summary>
    public bool Set<T>(string step, T outputs)
        where T : class
    {
        var node = JsonSerializer.SerializeToNode(outputs, Options);
        lock (_lock)
        {
            if (_entries.TryGetValue(step, out var old) && JsonCompare.DeepEquals(old, node)) return false;
            _entries[step] = node;
            Save();
            return true;
        }
    }

    public bool Remove(string step)
    {
        lock (_lock)
        {
            if (!_entries.Remove(step)) return false;
            Save();
            return true;
        }
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var obj = new JsonObject();
        foreach (var (key, value) in _entries) obj[key] = value?.DeepClone();
        var temp = _file + ".tmp";
        System.IO.File.WriteAllText(temp, obj.ToJsonString(Options) + "\n");
        System.IO.File.Move(temp, _file, overwrite: true);
    }
}
