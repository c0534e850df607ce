using System.Security.Cryptography;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>Where generated secrets come from: injectable so tests are deterministic and fast.</summary>
public interface IKeyGenerator
{
    string HexKey();

    string Password();

    /// <summary>A new RSA private key as PEM (PKCS#1).</summary>
    string RsaPrivateKey();

    /// <summary>The public key (PEM, PKCS#1) of a private key made by <see cref="RsaPrivateKey"/>.</summary>
    string RsaPublicKey(string privateKeyPem);
}

/// <summary>Keys from the operating system's cryptographic random source.</summary>
public sealed class SecureKeyGenerator : IKeyGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static SecureKeyGenerator Instance { get; } = new();

    public string HexKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Password() => RandomNumberGenerator.GetString(Alphabet, 25);

    public string RsaPrivateKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportRSAPrivateKeyPem();
    }

    public string RsaPublicKey(string privateKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return rsa.ExportRSAPublicKeyPem();
    }
}
