using System.Security.Cryptography;
using System.Text;

namespace Fleetdeck.TeamOperator.Config;

/// <summary>
/// The hash of a set of files put on a pod template so that a config change rolls the pods: sha256 of the files as
/// <c>name:content//</c> in name order, hex. The same files always give the same hash.
/// </summary>
public static class ConfigHash
{
    public static string Of(IEnumerable<KeyValuePair<string, string>> files)
    {
        var text = new StringBuilder();
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            text.Append(name).Append(':').Append(content).Append("//");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string Of(IEnumerable<KeyValuePair<string, byte[]>> files) =>
        Of(files.Select(f => KeyValuePair.Create(f.Key, Convert.ToBase64String(f.Value))));
}
