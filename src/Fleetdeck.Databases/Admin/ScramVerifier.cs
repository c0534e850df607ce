using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fleetdeck.Databases.Admin;

/// <summary>
/// The SCRAM-SHA-256 verifier PostgreSQL stores for a password (as libpq's <c>PQencryptPasswordConn</c> computes it).
/// Roles get the verifier, never the password, so the plain password is in no statement and no server log.
/// </summary>
internal static class ScramVerifier
{
    public const int Iterations = 4096;

    public static string Create(string password, ReadOnlySpan<byte> salt, int iterations = Iterations)
    {
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Prepare(password)), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return string.Create(CultureInfo.InvariantCulture,
            $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }

    /// <summary>
    /// SASLprep as PostgreSQL applies it: ASCII passwords are used as they are; others are NFKC-normalised, which covers
    /// the common cases (the full RFC 4013 tables are not reproduced; generated passwords are always ASCII).
    /// </summary>
    private static string Prepare(string password) =>
        password.All(char.IsAscii) ? password : password.Normalize(NormalizationForm.FormKC);
}
