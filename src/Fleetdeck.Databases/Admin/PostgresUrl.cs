using System.Globalization;

namespace Fleetdeck.Databases.Admin;

/// <summary>
/// A <c>postgres://user[:password]@host[:port]/database[?sslmode=…]</c> URL, as upstream writes them.
/// <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record PostgresUrl(string Host, int Port, string User, string? Password, string Database, IReadOnlyDictionary<string, string> Query)
{
    public const int DefaultPort = 5432;

    public static bool TryParse(string? text, out PostgresUrl url, out string problem)
    {
        url = null!;
        problem = "";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            problem = "is not a postgres:// URL";
            return false;
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            problem = "has no host";
            return false;
        }
        var userInfo = uri.UserInfo;
        if (string.IsNullOrEmpty(userInfo))
        {
            problem = "has no user (postgres://user@host/database)";
            return false;
        }
        var colon = userInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/'))
        {
            problem = "has no database (postgres://user@host/database)";
            return false;
        }
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        url = new PostgresUrl(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, user, password, database, query);
        return true;
    }

    public static PostgresUrl Parse(string text) =>
        TryParse(text, out var url, out var problem) ? url : throw new FormatException($"the database URL {problem}");

    public string? SslMode => Query.TryGetValue("sslmode", out var mode) ? mode : null;

    /// <summary>host:port, for comparing servers and for messages.</summary>
    public string Server => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool SameServer(PostgresUrl other) =>
        string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

    public PostgresUrl WithCredentials(string user, string? password) => this with { User = user, Password = password };

    public override string ToString() =>
        $"postgres://{Uri.EscapeDataString(User)}@{Server}/{Uri.EscapeDataString(Database)}" +
        (Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")));
}
