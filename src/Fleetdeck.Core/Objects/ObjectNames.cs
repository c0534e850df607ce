using System.Text.RegularExpressions;

namespace Fleetdeck.Core.Objects;

/// <summary>Kubernetes name rules: DNS-1123 subdomains for most names, DNS-1123 labels for namespaces.</summary>
public static partial class ObjectNames
{
    public static string? ValidateSubdomain(string name)
    {
        if (name.Length > 253) return "must be no more than 253 characters";
        return Subdomain().IsMatch(name) ? null
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
    }

    public static string? ValidateLabel(string name)
    {
        if (name.Length > 63) return "must be no more than 63 characters";
        return Label().IsMatch(name) ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name')";
    }

    public static bool IsLabel(string name) => ValidateLabel(name) is null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
