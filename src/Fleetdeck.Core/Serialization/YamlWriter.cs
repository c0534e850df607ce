using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fleetdeck.Core.Serialization;

/// <summary>Writes JSON trees as block YAML, keeping key order, quoting any string that would read back as something else.</summary>
public static class YamlWriter
{
    public static string Write(JsonNode? node)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestWidth(int.MaxValue));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>Several documents separated by <c>---</c>, as <c>kubectl get -o yaml</c> of many objects would not, but as manifests are.</summary>
    public static string WriteAll(IEnumerable<JsonNode?> nodes) => string.Join("---\n", nodes.Select(Write));

    public static string Write(object obj) => Write(ObjectJson.ToNode(obj));

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                        break;
                    case JsonValueKind.False:
                        emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                }
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var readsBack = YamlReader.ResolvePlain(text) is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == text;
        var style = text.Contains('\n') && !text.Contains('\t') && !text.EndsWith(' ') ? ScalarStyle.Literal
            : readsBack ? ScalarStyle.Any
            : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }
}
