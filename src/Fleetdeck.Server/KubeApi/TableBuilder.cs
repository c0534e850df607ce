using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// <c>meta.k8s.io Table</c> answers, as the API server builds them for custom resources: NAME, the kind's printer
/// columns, AGE; each row carries the object (by default as <c>PartialObjectMetadata</c>) so kubectl can add a NAMESPACE column.
/// </summary>
internal sealed class TableBuilder(ResourceKind kind, string metaVersion, string includeObject, TimeProvider time)
{
    private const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private const string AgeDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.";

    /// <summary>The builder for a request: its kind, the negotiated <c>meta.k8s.io</c> version and its <c>includeObject</c>.</summary>
    public static TableBuilder For(ResourceRequest request, OutputFormat format, TimeProvider time) =>
        new(request.Kind, format.MetaVersion, ParseIncludeObject(request.Query.String("includeObject")), time);

    private static string ParseIncludeObject(string? value) => value switch
    {
        null or "" => "Metadata",
        "None" or "Metadata" or "Object" => value,
        _ => throw ApiException.BadRequest($"includeObject: Unsupported value: \"{value}\": supported values: \"None\", \"Metadata\", \"Object\""),
    };

    public JsonObject Build(IEnumerable<JsonObject> objects, string? resourceVersion, string? continueToken, bool withColumns = true)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(resourceVersion)) metadata["resourceVersion"] = resourceVersion;
        if (!string.IsNullOrEmpty(continueToken)) metadata["continue"] = continueToken;
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = $"meta.k8s.io/{metaVersion}",
            ["metadata"] = metadata,
        };
        // Watch events after the first leave the columns out; kubectl reuses the ones it has.
        if (withColumns) table["columnDefinitions"] = Columns();
        table["rows"] = new JsonArray([.. objects.Select(o => (JsonNode)Row(o))]);
        return table;
    }

    private JsonArray Columns()
    {
        var columns = new JsonArray { Column("Name", "string", "name", NameDescription, 0) };
        foreach (var column in kind.PrinterColumns)
            columns.Add(Column(column.Name, column.Type, "", column.Description ?? "", column.Priority));
        columns.Add(Column("Age", "date", "", AgeDescription, 0));
        return columns;
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };

    private JsonObject Row(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var cells = new JsonArray { (JsonNode?)metadata?["name"]?.DeepClone() };
        foreach (var column in kind.PrinterColumns)
            cells.Add(Cell(column, obj));
        cells.Add((JsonNode?)Age(metadata?["creationTimestamp"]));
        var row = new JsonObject { ["cells"] = cells };
        switch (includeObject)
        {
            case "Object":
                row["object"] = obj.DeepClone();
                break;
            case "Metadata":
                row["object"] = PartialObjectMetadata.From(obj, metaVersion);
                break;
        }
        return row;
    }

    private JsonNode? Cell(PrinterColumn column, JsonObject obj)
    {
        var text = SimpleJsonPath.Evaluate(obj, column.JsonPath);
        if (text.Length == 0) return null; // kubectl prints <none>
        return column.Type switch
        {
            "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            "boolean" when bool.TryParse(text, out var b) => b,
            "date" => Age(JsonValue.Create(text)),
            _ => text,
        };
    }

    private string Age(JsonNode? timestamp)
    {
        if (timestamp is not JsonValue value || value.GetValueKind() != JsonValueKind.String ||
            !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return "<unknown>";
        return HumanDuration.Format(time.GetUtcNow() - at);
    }
}
