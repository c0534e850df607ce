using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Cli.Output;

/// <summary>A human-readable account of one object, in the spirit of <c>kubectl describe</c>: identity, owners, spec, and conditions first.</summary>
internal static class Describer
{
    public static string Describe(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, DateTimeOffset now)
    {
        var meta = obj.Metadata;
        var text = new StringBuilder();
        Line(text, "Name", meta.Name);
        if (kind.Namespaced) Line(text, "Namespace", meta.NamespaceProperty);
        Line(text, "Labels", Map(meta.Labels));
        Line(text, "Annotations", Map(meta.Annotations?.Where(a => a.Key != Core.Store.ManifestApplier.LastAppliedAnnotation).ToDictionary()));
        Line(text, "API Version", kind.ApiVersion);
        Line(text, "Kind", kind.Kind);
        if (meta.CreationTimestamp is { } created)
            Line(text, "Created", $"{created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({HumanDuration.Format(now - new DateTimeOffset(created, TimeSpan.Zero))} ago)");
        Line(text, "Generation", meta.Generation?.ToString(CultureInfo.InvariantCulture));
        Line(text, "Resource Version", meta.ResourceVersion);
        Line(text, "UID", meta.Uid);
        if (meta.OwnerReferences is { Count: > 0 } owners)
            Line(text, "Controlled By", string.Join(", ", owners.Select(o => $"{o.Kind}/{o.Name}{(o.Controller == true ? "" : " (owner)")}")));
        if (meta.Finalizers is { Count: > 0 } finalizers) Line(text, "Finalizers", string.Join(", ", finalizers));
        if (meta.DeletionTimestamp is { } deleting) Line(text, "Terminating Since", deleting.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        var node = ObjectJson.ToNode(obj);
        foreach (var (key, value) in node)
        {
            if (key is "apiVersion" or "kind" or "metadata" or "status" || value is null) continue;
            text.Append(Title(key)).Append(":\n").Append(Indent(YamlWriter.Write(value)));
        }

        if (node["status"] is JsonObject status)
        {
            text.Append("Status:\n");
            if (status["observedGeneration"] is { } observed) text.Append("  Observed Generation: ").Append(observed.ToJsonString()).Append('\n');
            if (status["conditions"] is JsonArray { Count: > 0 } conditions)
            {
                text.Append("  Conditions:\n");
                text.Append("    Type                Status  Reason                        Age     Message\n");
                foreach (var c in conditions.OfType<JsonObject>())
                {
                    var age = DateTimeOffset.TryParse(c["lastTransitionTime"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                        ? HumanDuration.Format(now - t) : "";
                    text.Append(CultureInfo.InvariantCulture, $"    {S(c, "type"),-19} {S(c, "status"),-7} {S(c, "reason"),-29} {age,-7} {S(c, "message")}\n");
                }
            }
            var rest = new JsonObject();
            foreach (var (key, value) in status)
                if (key is not ("conditions" or "observedGeneration") && value is not null) rest[key] = value.DeepClone();
            if (rest.Count > 0) text.Append(Indent(YamlWriter.Write(rest)));
        }
        return text.ToString();
    }

    private static string S(JsonObject o, string key) => o[key]?.ToString() ?? "";

    private static void Line(StringBuilder text, string label, string? value) =>
        text.Append(CultureInfo.InvariantCulture, $"{label + ":",-20}{(string.IsNullOrEmpty(value) ? "<none>" : value)}\n");

    private static string Map(IDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? "<none>" : string.Join("\n" + new string(' ', 20), map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Title(string key) => char.ToUpperInvariant(key[0]) + key[1..];

    private static string Indent(string yaml) =>
        string.Concat(yaml.Split('\n').Where(l => l.Length > 0).Select(l => "  " + l + "\n"));
}
