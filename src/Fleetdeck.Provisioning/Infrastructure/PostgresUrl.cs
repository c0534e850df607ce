using System.Globalization;
using Npgsql;

namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>Between <c>postgres://user:password@host:port/database?sslmode=…</c> URLs and Npgsql connection strings.</summary>
public static class PostgresUrl
{
    /// <summary>Reads a URL (<c>postgres://</c> or <c>postgresql://</c>) or a keyword connection string.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new NpgsqlConnectionStringBuilder(value);
        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var val = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase)) builder.SslMode = Enum.Parse<SslMode>(val.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
        }
        return builder;
    }

    public static string ToUrl(NpgsqlConnectionStringBuilder builder, bool withPassword = true)
    {
        var user = Uri.EscapeDataString(builder.Username ?? "");
        var password = withPassword && !string.IsNullOrEmpty(builder.Password) ? ":" + Uri.EscapeDataString(builder.Password) : "";
        var ssl = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        var host = builder.Host is { } h && h.Contains(':', StringComparison.Ordinal) ? $"[{h}]" : builder.Host;
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{password}@{host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? "postgres")}?sslmode={ssl}");
    }

    /// <summary>A copy pointing at another database and, optionally, as another role.</summary>
    public static NpgsqlConnectionStringBuilder With(NpgsqlConnectionStringBuilder source, string? database = null, string? username = null, string? password = null)
    {
        var copy = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        if (database is not null) copy.Database = database;
        if (username is not null) copy.Username = username;
        if (password is not null) copy.Password = password;
        return copy;
    }

    /// <summary>Quotes an identifier for SQL (roles and databases cannot be parameters).</summary>
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a string literal for SQL DDL that takes no parameters (passwords, VALID UNTIL).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
