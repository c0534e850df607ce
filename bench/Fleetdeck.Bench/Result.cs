namespace Fleetdeck.Bench;

/// <summary>One line of the printed table: a figure, its target, and whether it is met.</summary>
internal sealed record Result(string Name, string Value, string Target, bool? Met, string Note = "");
