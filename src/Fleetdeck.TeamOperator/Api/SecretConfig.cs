using System.Text.Json.Serialization;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>Where a secret lives: <c>{vaultName, type}</c>, with type <c>kubernetes</c>, <c>aws</c>, <c>test</c> or empty, as upstream.</summary>
public sealed class SecretConfig
{
    /// <summary>The vault: a Kubernetes Secret's name (type <c>kubernetes</c>) or an AWS Secrets Manager secret (type <c>aws</c>).</summary>
    [JsonPropertyName("vaultName")]
    public string? VaultName { get; set; }

    /// <summary>The secret backend: <c>kubernetes</c>, <c>aws</c>, <c>test</c> or empty.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
