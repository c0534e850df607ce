using k8s;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>
/// A field selector over <c>metadata.name</c> and <c>metadata.namespace</c> (the fields every kind supports on
/// a Kubernetes API server): <c>metadata.name=x</c>, <c>==</c>, <c>!=</c>, comma-joined.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Supported = ["metadata.name", "metadata.namespace"];
    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => _terms.Count == 0;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (field, equal, value) = raw.Contains("!=", StringComparison.Ordinal) ? Split(raw, "!=", false)
                : raw.Contains("==", StringComparison.Ordinal) ? Split(raw, "==", true)
                : raw.Contains('=') ? Split(raw, "=", true)
                : throw new FormatException($"invalid field selector \"{text}\": \"{raw}\" has no operator");
            if (!Supported.Contains(field))
                throw new FormatException($"field label not supported: {field} (supported: {string.Join(", ", Supported)})");
            terms.Add((field, equal, value));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(IKubernetesObject<V1ObjectMeta> obj)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = field == "metadata.name" ? obj.Metadata?.Name ?? "" : obj.Metadata?.NamespaceProperty ?? "";
            if ((actual == value) != equal) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(",", _terms.Select(t => $"{t.Field}{(t.Equal ? "=" : "!=")}{t.Value}"));

    private static (string, bool, string) Split(string raw, string op, bool equal)
    {
        var i = raw.IndexOf(op, StringComparison.Ordinal);
        return (raw[..i].Trim(), equal, raw[(i + op.Length)..].Trim());
    }
}
