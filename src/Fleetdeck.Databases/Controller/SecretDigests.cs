using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace Fleetdeck.Databases.Controller;

/// <summary>
/// What each secret key a PostgresDatabase reads held when last seen (as a SHA-256 digest, in memory only), so a Secret
/// shared by many PostgresDatabases wakes only those whose own key changed: writing the 200th password into a Site's
/// vault must not reconcile the 199 before it.
/// </summary>
internal sealed class SecretDigests
{
    private readonly ConcurrentDictionary<(string? Namespace, string Name, string Key), string> _digests = new();
    private readonly ConcurrentDictionary<(string? Namespace, string Name), long> _newest = new();

    /// <summary>Whether <paramref name="secret"/> is older than one already seen (the runtime also maps an update's old object).</summary>
    public bool IsStale(V1Secret secret)
    {
        if (!long.TryParse(secret.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return false;
        var key = (secret.Metadata.NamespaceProperty, secret.Metadata.Name);
        var newest = _newest.AddOrUpdate(key, version, (_, seen) => Math.Max(seen, version));
        return version < newest;
    }

    /// <summary>Records the key's value; returns whether it differs from the one recorded before (true the first time).</summary>
    public bool Changed(V1Secret secret, string key) => Record(secret.Metadata.NamespaceProperty, secret.Metadata.Name, key, SecretValues.Get(secret, key));

    public bool Record(string? @namespace, string name, string key, string? value)
    {
        var digest = value is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        var previous = _digests.GetValueOrDefault((@namespace, name, key));
        _digests[(@namespace, name, key)] = digest;
        return previous != digest;
    }
}
