using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fleetdeck.Core.Store.Sqlite;

/// <summary>The state file's tables, and the checks that refuse a file that is corrupt, foreign or newer than this build.</summary>
internal static class SqliteSchema
{
    public const int Version = 1;
    private const string Application = "fleetdeck";

    private const string CreateSql = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE objects (
            kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            uid TEXT NOT NULL, rv INTEGER NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (kind, namespace, name)) WITHOUT ROWID;
        CREATE UNIQUE INDEX objects_uid ON objects(uid);
        CREATE TABLE owners (
            owner_uid TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (owner_uid, kind, namespace, name)) WITHOUT ROWID;
        CREATE INDEX owners_dependent ON owners(kind, namespace, name);
        CREATE TABLE events (
            rv INTEGER PRIMARY KEY, kind TEXT NOT NULL, namespace TEXT NOT NULL, type TEXT NOT NULL,
            data TEXT NOT NULL, labels TEXT, prev_labels TEXT);
        CREATE INDEX events_kind ON events(kind, rv);
        """;

    /// <summary>Opens (creating when new) and checks the state file; returns the writer connection.</summary>
    public static SqliteConnection Open(string path)
    {
        var existed = File.Exists(path) && new FileInfo(path).Length > 0;
        var connection = new SqliteConnection(ConnectionString(path, readOnly: false));
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA busy_timeout=5000;");
            if (existed) Check(connection, path);
            else Create(connection);
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            connection.Dispose();
            throw new StateFileException($"{path} is not a usable Fleetdeck state file ({e.Message.TrimEnd('.')}); Fleetdeck will not overwrite it: move it away or use another --state-dir", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string ConnectionString(string path, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        Cache = SqliteCacheMode.Private,
    }.ToString();

    private static void Create(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        Execute(connection, CreateSql, tx);
        Execute(connection, $"INSERT INTO meta(key, value) VALUES ('application', '{Application}'), ('schema_version', '{Version}'), ('rv', '0'), ('compacted_rv', '0');", tx);
        tx.Commit();
    }

    private static void Check(SqliteConnection connection, string path)
    {
        var integrity = Scalar(connection, "PRAGMA quick_check;");
        if (integrity != "ok")
            throw new StateFileException($"{path} is corrupt (integrity check: {integrity}); Fleetdeck will not reset it: restore a backup, or move it away to start empty");
        var hasMeta = Scalar(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name='meta';") is not null;
        if (!hasMeta || Scalar(connection, "SELECT value FROM meta WHERE key='application';") != Application)
            throw new StateFileException($"{path} is an SQLite file but not a Fleetdeck state file; Fleetdeck will not overwrite it: move it away or use another --state-dir");
        var version = int.Parse(Scalar(connection, "SELECT value FROM meta WHERE key='schema_version';") ?? "0", CultureInfo.InvariantCulture);
        if (version > Version)
            throw new StateFileException($"{path} was written by a newer Fleetdeck (state schema {version}; this build reads up to {Version}); upgrade fleetdeck, or move the file away");
        if (version < Version)
            throw new StateFileException($"{path} has state schema {version}, which this build cannot migrate (it reads {Version})");
    }

    public static string? Scalar(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command.ExecuteScalar()?.ToString();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }
}
