namespace Fleetdeck.Databases.Controller;

/// <summary>Why a PostgresDatabase is not ready: the <c>Ready=False</c> condition's reason and message.</summary>
internal sealed record Problem(string Reason, string Message);

/// <summary>Reasons of the <c>Ready</c> condition besides the server's own (<see cref="Admin.AdminFailure"/>).</summary>
internal static class Reasons
{
    public const string Provisioned = "Provisioned";
    public const string SecretTypeUnsupported = "SecretTypeUnsupported";
    public const string MainDatabaseUrlMissing = "MainDatabaseUrlMissing";
    public const string MainDatabaseUrlInvalid = "MainDatabaseUrlInvalid";
    public const string EmbeddedServerNotReady = "EmbeddedServerNotReady";
    public const string CredentialSecretMissing = "CredentialSecretMissing";
    public const string HostMismatch = "HostMismatch";
    public const string InvalidSpec = "InvalidSpec";
    public const string RoleIsAdmin = "RoleIsAdmin";
    public const string PasswordSecretNotManaged = "PasswordSecretNotManaged";
    public const string Deleting = "Deleting";
}
