using System.Security.Cryptography;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>Random secrets: hex from the system's cryptographic generator, replaceable in tests.</summary>
public static class Passwords
{
    public static string NewHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
