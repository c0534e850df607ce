using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Fleetdeck.Kubernetes.Crds;

/// <summary>
/// Reads the XML documentation file the compiler writes beside each assembly (every src project emits one), so that CRD
/// schemas carry the C# doc comments as descriptions. An assembly without its file simply gives no descriptions.
/// </summary>
public sealed class XmlDocumentation
{
    private readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, XElement>> _files = new();

    public static XmlDocumentation Shared { get; } = new();

    /// <summary>The summary of a type, as plain text.</summary>
    public string? Type(Type type) => Summary(type.Assembly, "T:" + Name(type));

    /// <summary>The summary of a property or field; for a record's positional property, the record's <c>param</c> text.</summary>
    public string? Member(MemberInfo member)
    {
        var declaring = member.DeclaringType;
        if (declaring is null) return null;
        var prefix = member is FieldInfo ? "F:" : "P:";
        if (Summary(declaring.Assembly, $"{prefix}{Name(declaring)}.{member.Name}") is { } summary) return summary;
        return Element(declaring.Assembly, "T:" + Name(declaring))?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == member.Name) is { } param
            ? Text(param)
            : null;
    }

    private string? Summary(Assembly assembly, string key) => Element(assembly, key)?.Element("summary") is { } summary ? Text(summary) : null;

    private XElement? Element(Assembly assembly, string key) => Load(assembly).TryGetValue(key, out var element) ? element : null;

    private IReadOnlyDictionary<string, XElement> Load(Assembly assembly) => _files.GetOrAdd(assembly, a =>
    {
        if (a.IsDynamic || string.IsNullOrEmpty(a.Location)) return new Dictionary<string, XElement>();
        var path = Path.ChangeExtension(a.Location, ".xml");
        if (!File.Exists(path)) return new Dictionary<string, XElement>();
        try
        {
            var document = XDocument.Load(path);
            return document.Root?.Element("members")?.Elements("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => (string)m.Attribute("name")!)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? new Dictionary<string, XElement>();
        }
        catch (XmlException)
        {
            return new Dictionary<string, XElement>();
        }
    });

    /// <summary>The documentation id of a type: namespace and enclosing types joined by dots, generic arity kept.</summary>
    private static string Name(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition) type = type.GetGenericTypeDefinition();
        return (type.FullName ?? type.Name).Replace('+', '.');
    }

    /// <summary>Doc comment markup as plain text: code spans and references by their names, paragraphs as blank lines.</summary>
    internal static string? Text(XElement element)
    {
        var builder = new StringBuilder();
        Append(builder, element);
        var paragraphs = builder.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(' ', p.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0);
        var text = string.Join("\n\n", paragraphs);
        return text.Length == 0 ? null : text;
    }

    private static void Append(StringBuilder builder, XNode node)
    {
        switch (node)
        {
            case XText text:
                builder.Append(text.Value);
                break;
            case XElement e when e.Name.LocalName is "see" or "seealso" or "paramref" or "typeparamref":
                var reference = (string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? (string?)e.Attribute("name") ?? (string?)e.Attribute("href") ?? "";
                if (e.Nodes().Any()) foreach (var child in e.Nodes()) Append(builder, child);
                else builder.Append(ShortName(reference));
                break;
            case XElement e when e.Name.LocalName is "para" or "br":
                builder.Append("\n\n");
                foreach (var child in e.Nodes()) Append(builder, child);
                builder.Append("\n\n");
                break;
            case XElement e when e.Name.LocalName == "item":
                builder.Append("\n\n- ");
                foreach (var child in e.Nodes()) Append(builder, child);
                break;
            case XElement e:
                foreach (var child in e.Nodes()) Append(builder, child);
                break;
        }
    }

    /// <summary><c>T:Fleetdeck.X.Widget</c> reads as <c>Widget</c>, <c>P:A.B.Color</c> as <c>Color</c>.</summary>
    private static string ShortName(string reference)
    {
        var name = reference.Length > 2 && reference[1] == ':' ? reference[2..] : reference;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        var dot = name.LastIndexOf('.');
        return dot >= 0 && !reference.Contains("://", StringComparison.Ordinal) ? name[(dot + 1)..] : name;
    }
}
