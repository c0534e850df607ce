namespace Fleetdeck.Core.Objects;

/// <summary>A column in table output, as in a CRD's <c>additionalPrinterColumns</c>.</summary>
/// <param name="JsonPath">A simple JSONPath: <c>.spec.domain</c>, <c>.status.conditions[?(@.type=="Ready")].status</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Description = null, int Priority = 0);
