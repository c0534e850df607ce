using System.Text.Json.Serialization;

namespace Fleetdeck.Provisioning.Credentials;

/// <summary>A brokered database login, returned once: its password is stored nowhere.</summary>
public sealed record IssuedCredential(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"{Username}@{Host}:{Port}/{Database} until {ExpiresAt:O}";
}
