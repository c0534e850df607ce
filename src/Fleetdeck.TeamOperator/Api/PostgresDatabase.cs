using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// A database, its owning role and schemas on a PostgreSQL server (<c>core.posit.team/v1beta1</c>, short name <c>pgdb</c>).
/// Field names are the upstream Team Operator's, byte for byte.
/// </summary>
[KubernetesEntity(Group = "core.posit.team", ApiVersion = "v1beta1", Kind = "PostgresDatabase", PluralName = "postgresdatabases")]
public sealed class PostgresDatabase : CustomResource<PostgresDatabaseSpec, PostgresDatabaseStatus>
{
    /// <summary>Upstream's finalizer name, so objects made by the upstream operator are finalized here too.</summary>
    public const string Finalizer = "posit-team.posit.co";

    /// <summary>
    /// Rotation request: set this annotation to a new value (a date, a counter) and the role gets a new generated password,
    /// written to the password secret; <see cref="PostgresDatabaseStatus.PasswordRotation"/> echoes the value once done.
    /// </summary>
    public const string RotatePasswordAnnotation = "fleetdeck.dev/rotate-password";

    /// <summary>The kind as served: short name <c>pgdb</c>, printer columns, and its admission (defaults and validation).</summary>
    public static ResourceKind Definition { get; } = KindRegistry.FromAttribute(typeof(PostgresDatabase)) with
    {
        ShortNames = ["pgdb"],
        PrinterColumns =
        [
            new("URL", "string", ".spec.url"),
            new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
            new("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason"),
        ],
        Admission = new PostgresDatabaseAdmission(),
    };
}

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

/// <summary>
/// Status: the <c>Ready</c> condition, and what a product needs to restart its pods when the password changes.
/// </summary>
public sealed class PostgresDatabaseStatus : ResourceStatus
{
    /// <summary>
    /// Counts the times Fleetdeck set the role's password (creation, rotation, a changed secret). A product puts it in its
    /// pod-template hash, so its pods restart with the new password.
    /// </summary>
    [JsonPropertyName("passwordRevision")]
    public long? PasswordRevision { get; set; }

    /// <summary>The last <c>fleetdeck.dev/rotate-password</c> annotation value acted on.</summary>
    [JsonPropertyName("passwordRotation")]
    public string? PasswordRotation { get; set; }

    /// <summary>The password secret's resourceVersion when Fleetdeck last set the role's password from it.</summary>
    [JsonPropertyName("passwordSecretVersion")]
    public string? PasswordSecretVersion { get; set; }
}
