using k8s;
using k8s.Models;
using Spectre.Console;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Cli.Output;

/// <summary>kubectl-style tables: NAMESPACE (across namespaces), NAME, the kind's printer columns, AGE.</summary>
internal static class TablePrinter
{
    public static void Print(IAnsiConsole console, ResourceKind kind, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> items, bool allNamespaces, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        table.ShowHeaders = true;
        var headers = new List<string>();
        if (allNamespaces && kind.Namespaced) headers.Add("NAMESPACE");
        headers.Add("NAME");
        headers.AddRange(kind.PrinterColumns.Where(c => c.Priority == 0).Select(c => c.Name.ToUpperInvariant()));
        headers.Add("AGE");
        foreach (var header in headers) table.AddColumn(new TableColumn(header).NoWrap().PadLeft(0).PadRight(3));

        foreach (var item in items)
        {
            var node = ObjectJson.ToNode(item);
            var cells = new List<string>();
            if (allNamespaces && kind.Namespaced) cells.Add(item.Metadata.NamespaceProperty ?? "");
            cells.Add(item.Metadata.Name);
            cells.AddRange(kind.PrinterColumns.Where(c => c.Priority == 0).Select(c => Cell(c, node, now)));
            cells.Add(item.Metadata.CreationTimestamp is { } created ? HumanDuration.Format(now - new DateTimeOffset(created, TimeSpan.Zero)) : "<unknown>");
            table.AddRow(cells.Select(c => new Text(c.Length == 0 ? "<none>" : c)).ToArray());
        }
        console.Write(table);
    }

    private static string Cell(PrinterColumn column, System.Text.Json.Nodes.JsonNode node, DateTimeOffset now)
    {
        var value = SimpleJsonPath.Evaluate(node, column.JsonPath);
        if (column.Type == "date" && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
            return HumanDuration.Format(now - when);
        return value;
    }
}
