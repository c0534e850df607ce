using System.Text.RegularExpressions;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// Upstream's rules for role and database names (<c>^[a-z][a-z0-9_]{2,62}$</c>, not a PostgreSQL reserved key word), plus
/// the names PostgreSQL itself reserves for roles and the databases every server has.
/// </summary>
public static partial class PostgresNames
{
    /// <summary>PostgreSQL's reserved key words (SQL Key Words appendix, "reserved" and "reserved, can be function or type").</summary>
    public static readonly IReadOnlySet<string> ReservedWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary", "both", "case",
        "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
        "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
        "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from",
        "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
        "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
        "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right",
        "select", "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
        "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with",
    };

    /// <summary>Role names PostgreSQL refuses or that belong to the server (the default superuser).</summary>
    private static readonly HashSet<string> ReservedRoles = new(StringComparer.Ordinal) { "public", "none", "postgres" };

    /// <summary>Databases every server has: never provisioned over, never dropped.</summary>
    private static readonly HashSet<string> SystemDatabases = new(StringComparer.Ordinal) { "postgres", "template0", "template1" };

    [GeneratedRegex("^[a-z][a-z0-9_]{2,62}$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    [GeneratedRegex("^[a-z0-9_][a-z0-9_-]{0,62}$")]
    private static partial Regex ExtensionName();

    /// <summary>Null when <paramref name="name"/> may be a role; otherwise what is wrong with it.</summary>
    public static string? RoleProblem(string name) =>
        LabelProblem(name) ?? (ReservedRoles.Contains(name) ? $"\"{name}\" is reserved for the server's own roles" : null);

    public static string? DatabaseProblem(string name) =>
        LabelProblem(name) ?? (SystemDatabases.Contains(name) ? $"\"{name}\" is a database every server has; choose another name" : null);

    public static string? SchemaProblem(string name)
    {
        if (!SchemaName().IsMatch(name)) return $"\"{name}\" must match ^[a-z_][a-z0-9_]{{0,62}}$";
        if (name.StartsWith("pg_", StringComparison.Ordinal)) return $"\"{name}\": the pg_ prefix is reserved for system schemas";
        if (name == "information_schema") return "\"information_schema\" is a system schema";
        return null;
    }

    public static string? ExtensionProblem(string name) =>
        ExtensionName().IsMatch(name) ? null : $"\"{name}\" must match ^[a-z0-9_][a-z0-9_-]{{0,62}}$";

    private static string? LabelProblem(string name)
    {
        if (ReservedWords.Contains(name)) return $"\"{name}\" is a reserved word";
        if (!Label().IsMatch(name)) return $"\"{name}\" must match ^[a-z][a-z0-9_]{{2,62}}$ (lower-case letters, digits and _, 3 to 63 characters, starting with a letter)";
        if (name.StartsWith("pg_", StringComparison.Ordinal)) return $"\"{name}\": the pg_ prefix is reserved by PostgreSQL";
        return null;
    }
}
