namespace Fleetdeck.Databases.Admin;

/// <summary>Why a database operation failed, as the <c>reason</c> of the PostgresDatabase's <c>Ready</c> condition.</summary>
public static class AdminFailure
{
    public const string ServerUnavailable = "ServerUnavailable";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string PermissionDenied = "PermissionDenied";
    public const string DatabaseUnavailable = "DatabaseUnavailable";
    public const string DatabaseInvalid = "DatabaseInvalid";
    public const string DatabaseInUse = "DatabaseInUse";
    public const string RoleInUse = "RoleInUse";
    public const string TooManyConnections = "TooManyConnections";
    public const string ExtensionUnavailable = "ExtensionUnavailable";
    public const string Failed = "ProvisioningFailed";
}

/// <summary>A database operation failed; <see cref="Reason"/> is one of <see cref="AdminFailure"/>. The message never holds a password.</summary>
public sealed class PostgresAdminException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;

    /// <summary>Whether trying again later may succeed without anyone changing anything (a server restarting, a drop finishing).</summary>
    public bool Transient => Reason is AdminFailure.ServerUnavailable or AdminFailure.TooManyConnections or AdminFailure.DatabaseUnavailable;
}
