using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Fleetdeck.Core.Store.Sqlite;

/// <summary>Row operations inside the writer's open transaction; prepared statements are reused across batches.</summary>
internal sealed class SqliteRowTransaction : IRowTransaction, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _getByUid;
    private readonly SqliteCommand _uidExists;
    private readonly SqliteCommand _dependents;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteOwnersOf;
    private readonly SqliteCommand _deleteOwnersBy;
    private readonly SqliteCommand _insertOwner;
    private readonly SqliteCommand _insertEvent;
    private readonly List<StoredEvent> _events = [];

    public SqliteRowTransaction(SqliteConnection connection, long resourceVersion)
    {
        _connection = connection;
        ResourceVersion = resourceVersion;
        _get = Prepare("SELECT uid, rv, data FROM objects WHERE kind=$kind AND namespace=$ns AND name=$name", "$kind", "$ns", "$name");
        _getByUid = Prepare("SELECT kind, namespace, name, rv, data FROM objects WHERE uid=$uid", "$uid");
        _uidExists = Prepare("SELECT 1 FROM objects WHERE uid=$uid", "$uid");
        _dependents = Prepare("SELECT kind, namespace, name FROM owners WHERE owner_uid=$uid ORDER BY kind, namespace, name", "$uid");
        _upsert = Prepare("INSERT INTO objects(kind, namespace, name, uid, rv, data) VALUES ($kind, $ns, $name, $uid, $rv, $data) " +
                          "ON CONFLICT(kind, namespace, name) DO UPDATE SET uid=excluded.uid, rv=excluded.rv, data=excluded.data",
                          "$kind", "$ns", "$name", "$uid", "$rv", "$data");
        _delete = Prepare("DELETE FROM objects WHERE kind=$kind AND namespace=$ns AND name=$name", "$kind", "$ns", "$name");
        _deleteOwnersOf = Prepare("DELETE FROM owners WHERE kind=$kind AND namespace=$ns AND name=$name", "$kind", "$ns", "$name");
        _deleteOwnersBy = Prepare("DELETE FROM owners WHERE owner_uid=$uid", "$uid");
        _insertOwner = Prepare("INSERT OR IGNORE INTO owners(owner_uid, kind, namespace, name) VALUES ($uid, $kind, $ns, $name)", "$uid", "$kind", "$ns", "$name");
        _insertEvent = Prepare("INSERT INTO events(rv, kind, namespace, type, data, labels, prev_labels) VALUES ($rv, $kind, $ns, $type, $data, $labels, $prev)",
                               "$rv", "$kind", "$ns", "$type", "$data", "$labels", "$prev");
    }

    public SqliteTransaction? Transaction { get; set; }

    public DateTimeOffset Now { get; set; }

    /// <summary>The last version handed out (committed or in this batch).</summary>
    public long ResourceVersion { get; set; }

    public IReadOnlyList<StoredEvent> Events => _events;

    public int EventCount => _events.Count;

    public void TruncateEvents(int count) => _events.RemoveRange(count, _events.Count - count);

    public void ClearEvents() => _events.Clear();

    public StoredObject? Get(string kindKey, string @namespace, string name)
    {
        Bind(_get, kindKey, @namespace, name);
        using var reader = _get.ExecuteReader();
        if (!reader.Read()) return null;
        return new StoredObject(kindKey, @namespace, name, reader.GetString(0), reader.GetInt64(1), (JsonObject)JsonNode.Parse(reader.GetString(2))!);
    }

    public StoredObject? GetByUid(string uid)
    {
        Bind(_getByUid, uid);
        using var reader = _getByUid.ExecuteReader();
        if (!reader.Read()) return null;
        return new StoredObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), uid, reader.GetInt64(3), (JsonObject)JsonNode.Parse(reader.GetString(4))!);
    }

    public bool UidExists(string uid)
    {
        Bind(_uidExists, uid);
        return _uidExists.ExecuteScalar() is not null;
    }

    public IReadOnlyList<(string KindKey, string Namespace, string Name)> Dependents(string ownerUid)
    {
        Bind(_dependents, ownerUid);
        using var reader = _dependents.ExecuteReader();
        var result = new List<(string, string, string)>();
        while (reader.Read()) result.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return result;
    }

    public long NextResourceVersion() => ++ResourceVersion;

    public void Put(StoredObject obj, string json, IEnumerable<string> ownerUids, bool isNew)
    {
        Bind(_upsert, obj.KindKey, obj.Namespace, obj.Name, obj.Uid, obj.ResourceVersion, json);
        _upsert.ExecuteNonQuery();
        if (!isNew)
        {
            Bind(_deleteOwnersOf, obj.KindKey, obj.Namespace, obj.Name);
            _deleteOwnersOf.ExecuteNonQuery();
        }
        foreach (var owner in ownerUids)
        {
            Bind(_insertOwner, owner, obj.KindKey, obj.Namespace, obj.Name);
            _insertOwner.ExecuteNonQuery();
        }
    }

    public void Remove(StoredObject obj)
    {
        Bind(_delete, obj.KindKey, obj.Namespace, obj.Name);
        _delete.ExecuteNonQuery();
        Bind(_deleteOwnersOf, obj.KindKey, obj.Namespace, obj.Name);
        _deleteOwnersOf.ExecuteNonQuery();
        Bind(_deleteOwnersBy, obj.Uid);
        _deleteOwnersBy.ExecuteNonQuery();
    }

    public void Record(StoredEvent change)
    {
        Bind(_insertEvent, change.ResourceVersion, change.KindKey, change.Namespace, change.Type.ToString(), change.Json,
            LabelsJson(change.Labels), LabelsJson(change.PreviousLabels));
        _insertEvent.ExecuteNonQuery();
        _events.Add(change);
    }

    public void WriteResourceVersion()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = "UPDATE meta SET value=$rv WHERE key='rv'";
        command.Parameters.AddWithValue("$rv", ResourceVersion.ToString(CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    private static object LabelsJson(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? DBNull.Value : JsonSerializer.Serialize(labels);

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        return command;
    }

    private void Bind(SqliteCommand command, params object[] values)
    {
        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    public void Dispose()
    {
        foreach (var command in new[] { _get, _getByUid, _uidExists, _dependents, _upsert, _delete, _deleteOwnersOf, _deleteOwnersBy, _insertOwner, _insertEvent })
            command.Dispose();
    }
}
