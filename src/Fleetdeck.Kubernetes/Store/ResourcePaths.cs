using System.Text;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>REST paths of the Kubernetes API: <c>/api/v1/...</c> for the core group, <c>/apis/group/version/...</c> otherwise.</summary>
internal static class ResourcePaths
{
    public static string For(ResourceKind kind, string? @namespace, string? name = null, string? subresource = null)
    {
        var path = new StringBuilder(kind.Group.Length == 0 ? $"/api/{kind.Version}" : $"/apis/{kind.Group}/{kind.Version}");
        if (kind.Namespaced && !string.IsNullOrEmpty(@namespace)) path.Append("/namespaces/").Append(Uri.EscapeDataString(@namespace));
        path.Append('/').Append(kind.Plural);
        if (name is not null) path.Append('/').Append(Uri.EscapeDataString(name));
        if (subresource is not null) path.Append('/').Append(subresource);
        return path.ToString();
    }

    public static string Query(params (string Key, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
