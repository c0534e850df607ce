using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fleetdeck.Core.Serialization;

/// <summary>
/// Reads YAML (and JSON, which is YAML) into JSON trees, one per document, recording where every field
/// sits so that errors can name file, line and column. Plain scalars resolve as kubectl resolves them
/// (YAML 1.1: <c>yes</c>/<c>on</c> are booleans, <c>0644</c> is octal).
/// </summary>
public static partial class YamlReader
{
    public static IReadOnlyList<ManifestDocument> Read(string text, string source)
    {
        var documents = new List<ManifestDocument>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var state = new State(source);
                JsonNode? root = null;
                if (!parser.Accept<DocumentEnd>(out _))
                    root = state.ReadNode(parser, "");
                parser.Consume<DocumentEnd>();
                var position = Position(source, start.Start);
                switch (root)
                {
                    case null:
                        continue; // an empty document (a stray '---') is skipped, as kubectl does
                    case JsonObject obj:
                        documents.Add(new ManifestDocument(obj, position, state.Positions));
                        break;
                    default:
                        throw new ManifestException("a manifest document must be a mapping (apiVersion, kind, metadata, ...)", position);
                }
            }
            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner && e.Message.StartsWith("(Line", StringComparison.Ordinal) ? inner.Message : e.Message;
            throw new ManifestException($"invalid YAML: {StripMark(message)}", Position(source, e.Start));
        }
        return documents;
    }

    // YamlDotNet throws on reading the value of an empty anchor, which is what a node without an anchor has.
    private static string AnchorText(AnchorName anchor) => anchor.IsEmpty ? "" : anchor.Value;

    private static string StripMark(string message) => MarkPrefix().Replace(message, "");

    private static SourcePosition Position(string source, Mark mark) => new(source, (int)mark.Line, (int)mark.Column);

    private sealed class State(string source)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = [];

        public Dictionary<string, SourcePosition> Positions { get; } = [];

        public JsonNode? ReadNode(IParser parser, string path)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new ManifestException($"unknown alias *{alias.Value.Value}", Position(source, alias.Start));
                return target?.DeepClone();
            }

            var current = parser.Current ?? throw new ManifestException("unexpected end of YAML");
            if (path.Length > 0) Positions.TryAdd(path, Position(source, current.Start));
            JsonNode? node;
            string anchor;
            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    anchor = AnchorText(scalar.Anchor);
                    node = Resolve(scalar);
                    break;
                case SequenceStart sequence:
                    parser.MoveNext();
                    anchor = AnchorText(sequence.Anchor);
                    var array = new JsonArray();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                        array.Add(ReadNode(parser, FieldPath.Index(path, array.Count)));
                    node = array;
                    break;
                case MappingStart mapping:
                    parser.MoveNext();
                    anchor = AnchorText(mapping.Anchor);
                    node = ReadMapping(parser, path);
                    break;
                default:
                    throw new ManifestException($"unexpected {current.GetType().Name}", Position(source, current.Start));
            }

            if (!string.IsNullOrEmpty(anchor)) _anchors[anchor] = node?.DeepClone();
            return node;
        }

        private JsonObject ReadMapping(IParser parser, string path)
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                if (keyEvent is not Scalar keyScalar)
                    throw new ManifestException("mapping keys must be plain strings", Position(source, keyEvent.Start));
                parser.MoveNext();
                var key = keyScalar.Value;
                if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
                {
                    // A merge key: copy in the keys of the referenced mapping(s) that are not already set.
                    var merged = ReadNode(parser, path);
                    foreach (var source in merged is JsonArray many ? many.OfType<JsonObject>() : merged is JsonObject one ? [one] : [])
                        foreach (var (k, v) in source)
                            if (!obj.ContainsKey(k)) obj[k] = v?.DeepClone();
                    continue;
                }

                var childPath = FieldPath.Property(path, key);
                if (obj.ContainsKey(key))
                    throw new ManifestException($"duplicate key \"{key}\"", Position(source, keyScalar.Start), childPath);
                Positions.TryAdd(childPath, Position(source, keyScalar.Start));
                obj[key] = ReadNode(parser, childPath);
            }
            return obj;
        }
    }

    /// <summary>Resolves a scalar to a JSON value: quoted scalars and explicit <c>!!str</c> stay strings.</summary>
    internal static JsonNode? Resolve(Scalar scalar)
    {
        var value = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not ScalarStyle.Plain && tag.Length == 0 || tag == "!")
            return JsonValue.Create(value);
        return tag switch
        {
            "tag:yaml.org,2002:null" => null,
            "tag:yaml.org,2002:bool" => JsonValue.Create(ResolvePlain(value) is JsonValue b && b.TryGetValue<bool>(out var flag) ? flag : throw new YamlException(scalar.Start, scalar.End, $"\"{value}\" is not a boolean")),
            "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => ResolvePlain(value) is JsonValue n && !n.TryGetValue<string>(out _) ? n : throw new YamlException(scalar.Start, scalar.End, $"\"{value}\" is not a number"),
            _ => ResolvePlain(value),
        };
    }

    internal static JsonNode? ResolvePlain(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN":
                return JsonValue.Create(value); // JSON has no infinities; keep the text
        }

        var text = value.Replace("_", "", StringComparison.Ordinal);
        if (Decimal().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(text.TrimStart('+', '-').Length > 1 && text.TrimStart('+', '-')[0] == '0' ? ParseOctal(text) : integer);
        if (HexNumber().IsMatch(text))
            return JsonValue.Create(Convert.ToInt64(text[2..], 16));
        if (OctalNumber().IsMatch(text))
            return JsonValue.Create(Convert.ToInt64(text[2..], 8));
        if (FloatNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return JsonValue.Create(real);
        return JsonValue.Create(value);
    }

    private static long ParseOctal(string text)
    {
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        if (digits.Any(c => c is '8' or '9')) return long.Parse(text, CultureInfo.InvariantCulture);
        var result = Convert.ToInt64(digits, 8);
        return negative ? -result : result;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")]
    private static partial Regex HexNumber();

    [GeneratedRegex(@"^0o[0-7]+$")]
    private static partial Regex OctalNumber();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatNumber();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
