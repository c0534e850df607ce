using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// Messages fit to store in a status and show to a user: a fixed category for database errors (the raw error may carry
/// a connection string), and anything from an infrastructure engine stripped of what looks like a secret.
/// </summary>
public static partial class SafeMessages
{
    public const int MaxLength = 1000;

    /// <summary>A fixed message for a failure to reach or use a database, by category: authentication, timeout, name resolution, refused, other.</summary>
    public static string ForDatabaseError(Exception error) => error switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => "authentication failed",
        PostgresException { SqlState: "3D000" } => "the database does not exist",
        PostgresException { SqlState: "57P03" } => "the database server is starting up",
        PostgresException { SqlState: "53300" } => "the database server has too many connections",
        PostgresException p => $"the database server refused the statement (SQLSTATE {p.SqlState})",
        TimeoutException or OperationCanceledException => "the database did not answer in time",
        NpgsqlException { InnerException: TimeoutException } => "the database did not answer in time",
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } } => "the database host name does not resolve",
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "the database server refused the connection",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "the database server refused the connection",
        NpgsqlException => "the database server could not be reached",
        _ => "the database check failed",
    };

    [GeneratedRegex(@"(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s:@]*(:[^@\s/]*)?@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?i)\b(password|passwd|pwd|secret|token|key)\s*[=:]\s*[^\s;,]+")]
    private static partial Regex Assignments();

    /// <summary>Strips credentials from text that came from outside (an engine's condition message) and truncates it.</summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var clean = UrlCredentials().Replace(text, "$1***@");
        clean = Assignments().Replace(clean, "$1=***");
        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 1)] + "…";
    }
}
