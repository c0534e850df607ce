namespace Fleetdeck.Databases.Admin;

/// <summary>Quoting for the statements that cannot take parameters (DDL): identifiers always quoted, literals escaped.</summary>
internal static class Sql
{
    public static string Identifier(string name)
    {
        if (name.Contains('\0')) throw new ArgumentException("an identifier cannot contain NUL", nameof(name));
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Literal(string value)
    {
        if (value.Contains('\0')) throw new ArgumentException("a literal cannot contain NUL", nameof(value));
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
