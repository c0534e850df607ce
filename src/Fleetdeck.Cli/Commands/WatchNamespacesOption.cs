using System.CommandLine;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>--watch-namespaces A,B</c>, shared by <c>install</c> and <c>operator</c>.</summary>
internal static class WatchNamespacesOption
{
    public static Option<string?> Create(string description) => new("--watch-namespaces") { Description = description };

    /// <summary>The namespaces, each checked, duplicates dropped; empty for "all".</summary>
    public static IReadOnlyList<string> Parse(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => InstallCommand.CheckNamespace(n, "--watch-namespaces"))
            .Distinct(StringComparer.Ordinal)];
}
