using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// A database, its owning role and schemas on a PostgreSQL server (<c>core.posit.team/v1beta1</c>, short name <c>pgdb</c>).
/// Field names are the upstream Team Operator's, byte for byte.
/// </summary>
[KubernetesEntity(Group = "core.posit.team", ApiVersion = "v1beta1", Kind = "PostgresDatabase", PluralName = "postgresdatabases")]
public sealed class PostgresDatabase : CustomResource<PostgresDatabaseSpec, PostgresDatabaseStatus>;

public sealed class PostgresDatabaseSpec
{
    /// <summary>The database's URL without a password: <c>postgres://role@host/database</c>; pattern <c>^postgres.+@.+/.+</c>.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>The vault holding the role's password.</summary>
    [JsonPropertyName("secretVault")]
    public string? SecretVault { get; set; }

    /// <summary>The key of the role's password in the vault.</summary>
    [JsonPropertyName("secretPasswordKey")]
    public string? SecretPasswordKey { get; set; }

    [JsonPropertyName("secret")]
    public SecretConfig? Secret { get; set; }

    /// <summary>Where the admin connection (<c>main-database-url</c>) is found.</summary>
    [JsonPropertyName("workloadSecret")]
    public SecretConfig? WorkloadSecret { get; set; }

    /// <summary>Admin <c>username</c>/<c>password</c> overriding the URL's (note the spelling: upstream's json name differs from other kinds).</summary>
    [JsonPropertyName("mainDbCredentialSecret")]
    public SecretConfig? MainDbCredentialSecret { get; set; }

    [JsonPropertyName("extensions")]
    public List<string>? Extensions { get; set; }

    [JsonPropertyName("schemas")]
    public List<string>? Schemas { get; set; }

    [JsonPropertyName("teardown")]
    public PostgresDatabaseTeardown? Teardown { get; set; }
}

public sealed class PostgresDatabaseTeardown
{
    /// <summary>Drop the database and role when the object is deleted (the default keeps them).</summary>
    [JsonPropertyName("drop")]
    public bool? Drop { get; set; }
}

public sealed class PostgresDatabaseStatus : ResourceStatus;
