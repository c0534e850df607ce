using Fleetdeck.Core.Objects;

namespace Fleetdeck.Core.Store;

/// <summary>What to list: one namespace (or all when null), selectors, and paging.</summary>
public sealed record ListOptions
{
    public string? Namespace { get; init; }

    public LabelSelector LabelSelector { get; init; } = LabelSelector.Everything;

    public FieldSelector FieldSelector { get; init; } = FieldSelector.Everything;

    /// <summary>Page size; 0 for everything at once.</summary>
    public int Limit { get; init; }

    /// <summary>The <see cref="ObjectList.Continue"/> token of the previous page.</summary>
    public string? Continue { get; init; }

    public static ListOptions InNamespace(string? @namespace) => new() { Namespace = @namespace };
}
