using System.Security.Cryptography;

namespace Fleetdeck.Databases.Controller;

/// <summary>Makes new role passwords; injectable so tests can know them.</summary>
public interface IPasswordGenerator
{
    string NewPassword();
}

/// <summary>40 characters from [A-Za-z0-9], cryptographically random and unbiased: about 238 bits, safe in any URL or config file.</summary>
public sealed class RandomPasswordGenerator : IPasswordGenerator
{
    public const int Length = 40;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public string NewPassword() => RandomNumberGenerator.GetString(Alphabet, Length);
}
