using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Fleetdeck.Provisioning.Http;

namespace Fleetdeck.Provisioning.Dashboard;

/// <summary>
/// A dashboard login: a cookie holding an expiry and its HMAC under a digest of the internal secret, never the secret
/// itself. <c>Secure</c>, <c>HttpOnly</c>, <c>SameSite=Strict</c>; it lets a browser read (GET) the API, nothing more.
/// Sessions signed with a fallback secret stay valid through a rotation.
/// </summary>
public sealed class DashboardSession(InternalSecrets secrets, TimeProvider time)
{
    public const string CookieName = "fleetdeck_session";

    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(12);

    public string Issue()
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Convert.ToHexStringLower(Sign(secrets.Keys.First(), expires));
    }

    public bool IsValid(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie)) return false;
        var dot = cookie.IndexOf('.');
        if (dot <= 0 || !long.TryParse(cookie[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(expires, 253402300799)) <= time.GetUtcNow()) return false;
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(cookie[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }
        var valid = false;
        foreach (var key in secrets.Keys) valid |= CryptographicOperations.FixedTimeEquals(presented, Sign(key, cookie[..dot]));
        return valid;
    }

    public bool IsValid(HttpRequest request) => IsValid(request.Cookies[CookieName]);

    public CookieOptions Options() => new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = Lifetime,
    };

    private static byte[] Sign(byte[] key, string expires) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("fleetdeck-dashboard:" + expires));
}
