using System.Security.Cryptography;
using System.Text;

namespace Fleetdeck.Provisioning.Http;

/// <summary>
/// The secrets that authorize API calls: the primary and any fallbacks (during a rotation both the old and the new are
/// accepted). Compared as SHA-256 digests in constant time, so neither the length nor a prefix of a secret leaks through
/// timing; an empty secret never matches.
/// </summary>
public sealed class InternalSecrets
{
    public const string Header = "X-Fleetdeck-Internal-Secret";

    private readonly byte[][] _digests;

    public InternalSecrets(string primary, IEnumerable<string>? fallbacks = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primary);
        Primary = primary;
        _digests = [.. new[] { primary }.Concat(fallbacks ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(Digest)];
    }

    /// <summary>The secret new dashboard sessions are signed with.</summary>
    internal string Primary { get; }

    public int Count => _digests.Length;

    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        var digest = Digest(presented);
        var match = false;
        // Every secret is compared, so the time taken does not say which one (or whether any) matched.
        foreach (var known in _digests) match |= CryptographicOperations.FixedTimeEquals(digest, known);
        return match;
    }

    /// <summary>Every accepted secret, for checking a dashboard session signed before a rotation.</summary>
    internal IEnumerable<byte[]> Keys => _digests;

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public override string ToString() => $"{Count} internal secret(s)";
}
