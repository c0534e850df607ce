using Fleetdeck.TeamOperator.Controllers;

namespace Fleetdeck.TeamOperator.Tests;

/// <summary>Deterministic, fast keys for tests; counts how many were made (so tests can see nothing is regenerated).</summary>
internal sealed class FakeKeys : IKeyGenerator
{
    private int _count;

    public int Made => _count;

    public string HexKey() => $"{Interlocked.Increment(ref _count):x64}";

    public string Password() => $"password-{Interlocked.Increment(ref _count):D16}";

    public string RsaPrivateKey() => $"-----BEGIN RSA PRIVATE KEY-----\nfake-{Interlocked.Increment(ref _count)}\n-----END RSA PRIVATE KEY-----\n";

    public string RsaPublicKey(string privateKeyPem) => privateKeyPem.Replace("PRIVATE", "PUBLIC", StringComparison.Ordinal);
}
