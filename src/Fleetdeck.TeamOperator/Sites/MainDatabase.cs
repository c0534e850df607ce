namespace Fleetdeck.TeamOperator.Sites;

/// <summary>Where the Site's main PostgreSQL server is: the host products connect to and the admin URL's <c>sslmode</c>.</summary>
public sealed record MainDatabase(string Host, string? SslMode)
{
    /// <summary>Reads <c>postgres://user:pass@host:port/db?sslmode=x</c>; the password never leaves this method.</summary>
    public static MainDatabase? Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0) return null;
        var host = uri.IsDefaultPort || uri.Port < 0 || uri.Port == 5432 ? uri.Host : $"{uri.Host}:{uri.Port}";
        string? sslMode = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "sslmode") sslMode = Uri.UnescapeDataString(parts[1]);
        }
        return new MainDatabase(host, sslMode);
    }
}
