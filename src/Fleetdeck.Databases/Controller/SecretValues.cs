using System.Text;
using k8s.Models;

namespace Fleetdeck.Databases.Controller;

/// <summary>Reads a key of a Secret (<c>data</c>, or <c>stringData</c> as written by a client that has not been through an API server).</summary>
internal static class SecretValues
{
    public static string? Get(V1Secret? secret, string key)
    {
        if (secret is null) return null;
        if (secret.Data is { } data && data.TryGetValue(key, out var bytes) && bytes is not null) return Encoding.UTF8.GetString(bytes);
        if (secret.StringData is { } strings && strings.TryGetValue(key, out var text)) return text;
        return null;
    }

    /// <summary>Secret types Fleetdeck reads: Kubernetes Secrets. The others are named in a clear condition.</summary>
    public static Problem? Unsupported(string field, string? type) => (type ?? "") switch
    {
        "" or "kubernetes" => null,
        "aws" => new Problem(Reasons.SecretTypeUnsupported,
            $"{field}.type is \"aws\": AWS Secrets Manager secrets cannot be read by Fleetdeck; use type \"kubernetes\" with a Secret of that name in this namespace"),
        _ => new Problem(Reasons.SecretTypeUnsupported, $"{field}.type \"{type}\" cannot be read by Fleetdeck; use type \"kubernetes\""),
    };
}
