namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// A resource URL, parsed: <c>/api/v1/namespaces/{ns}/{plural}/{name}/{subresource}</c>, the same under
/// <c>/apis/{group}/{version}</c>, and the cluster-wide forms without the namespace.
/// </summary>
internal sealed record ResourcePath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    /// <summary>Parses the segments after the group and version; null when the URL names no resource.</summary>
    public static ResourcePath? Parse(string group, string version, IReadOnlyList<string> rest)
    {
        switch (rest.Count)
        {
            case 1:
                return new(group, version, null, rest[0], null, null);
            case 2:
                return new(group, version, null, rest[0], rest[1], null);
            case 3 when IsNamespaces(rest[0]) && rest[2] is not ("status" or "finalize"):
                return new(group, version, rest[1], rest[2], null, null);
            case 3:
                return new(group, version, null, rest[0], rest[1], rest[2]);
            case 4 when IsNamespaces(rest[0]):
                return new(group, version, rest[1], rest[2], rest[3], null);
            case 5 when IsNamespaces(rest[0]):
                return new(group, version, rest[1], rest[2], rest[3], rest[4]);
            default:
                return null;
        }
    }

    // Every group nests its namespaced resources under /namespaces/{ns}.
    private static bool IsNamespaces(string segment) => segment == "namespaces";
}
