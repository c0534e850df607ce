using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Data.Sqlite;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Core.Store.Sqlite;

/// <summary>
/// The embedded backend: one SQLite file in WAL mode, durable on every acknowledged write
/// (<c>synchronous=FULL</c>, group commit), with watches fanned out in-process and replayed from an event history.
/// </summary>
public sealed class SqliteObjectStore : IObjectStore, IAsyncDisposable, IDisposable
{
    private readonly string _readConnectionString;
    private readonly SqliteWriter _writer;
    private readonly WatchHub _hub;
    private readonly StoreSemantics _semantics;
    private readonly StoreOptions _options;
    private int _disposed;

    private SqliteObjectStore(string path, KindRegistry kinds, StoreOptions options)
    {
        Path = path;
        Kinds = kinds;
        _options = options;
        _semantics = new StoreSemantics(options);
        _hub = new WatchHub(options.WatchBufferSize);
        var connection = SqliteSchema.Open(path);
        _readConnectionString = SqliteSchema.ConnectionString(path, readOnly: false);
        _writer = new SqliteWriter(connection, options, _hub.Publish);
        _hub.Initialize(_writer.CommittedResourceVersion);
    }

    public static SqliteObjectStore Open(string path, KindRegistry kinds, StoreOptions? options = null) =>
        new(System.IO.Path.GetFullPath(path), kinds, options ?? new StoreOptions());

    public string Path { get; }

    public KindRegistry Kinds { get; }

    /// <summary>Writes committed since the store opened (every version bump counts one).</summary>
    public long CommittedWrites => _writer.CommittedWrites;

    public long CurrentResourceVersion => _writer.CommittedResourceVersion;

    public async Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM objects WHERE kind=$kind AND namespace=$ns AND name=$name";
        command.Parameters.AddWithValue("$kind", kind.Key);
        command.Parameters.AddWithValue("$ns", kind.Namespaced ? @namespace ?? "" : "");
        command.Parameters.AddWithValue("$name", name);
        var data = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return data is null ? null : Materialize(kind, data);
    }

    public async Task<ObjectList> ListAsync(ResourceKind kind, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var ns = kind.Namespaced ? options.Namespace : null;
        var after = DecodeContinue(options.Continue);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var version = SqliteSchema.Scalar(connection, "SELECT value FROM meta WHERE key='rv'", tx)!;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        var sql = new StringBuilder("SELECT namespace, name, data FROM objects WHERE kind=$kind");
        command.Parameters.AddWithValue("$kind", kind.Key);
        if (!string.IsNullOrEmpty(ns))
        {
            sql.Append(" AND namespace=$ns");
            command.Parameters.AddWithValue("$ns", ns);
        }
        if (after is { } position)
        {
            sql.Append(" AND (namespace, name) > ($afterNs, $afterName)");
            command.Parameters.AddWithValue("$afterNs", position.Namespace);
            command.Parameters.AddWithValue("$afterName", position.Name);
        }
        sql.Append(" ORDER BY namespace, name");
        command.CommandText = sql.ToString();

        var items = new List<IKubernetesObject<V1ObjectMeta>>();
        string? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var obj = Materialize(kind, reader.GetString(2));
            if (!options.LabelSelector.Matches(obj.Metadata.Labels) || !options.FieldSelector.Matches(obj)) continue;
            if (options.Limit > 0 && items.Count == options.Limit)
            {
                var last = items[^1];
                next = EncodeContinue(version, last.Metadata.NamespaceProperty ?? "", last.Metadata.Name);
                break;
            }
            items.Add(obj);
        }
        return new ObjectList(items, version, next);
    }

    public async Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = this.KindOf(obj);
        var input = ObjectJson.ToNode(obj);
        var result = await _writer.WriteAsync(tx => _semantics.Create(tx, kind, input), cancellationToken).ConfigureAwait(false);
        return (T)Materialize(kind, result);
    }

    public async Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = this.KindOf(obj);
        var input = ObjectJson.ToNode(obj);
        var result = await _writer.WriteAsync(tx => _semantics.Update(tx, kind, input), cancellationToken).ConfigureAwait(false);
        return (T)Materialize(kind, result);
    }

    public async Task<T> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = this.KindOf(obj);
        var input = ObjectJson.ToNode(obj);
        var result = await _writer.WriteAsync(tx => _semantics.UpdateStatus(tx, kind, input), cancellationToken).ConfigureAwait(false);
        return (T)Materialize(kind, result);
    }

    public Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(
            tx => _semantics.Delete(tx, kind, kind.Namespaced ? @namespace ?? "" : "", name, options ?? new DeleteOptions(), node => Materialize(kind, node)),
            cancellationToken);

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        using var subscription = _hub.Subscribe(kind.Key);
        long last;
        if (string.IsNullOrEmpty(options.ResourceVersion) || options.ResourceVersion == "0")
        {
            var list = await ListAsync(kind, new ListOptions { Namespace = options.Namespace, LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector }, cancellationToken).ConfigureAwait(false);
            foreach (var item in list.Items) yield return new WatchEvent(WatchEventType.Added, item);
            last = long.Parse(list.ResourceVersion, CultureInfo.InvariantCulture);
        }
        else
        {
            if (!long.TryParse(options.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out last))
                throw new BadRequestException($"invalid resourceVersion \"{options.ResourceVersion}\": must be an integer");
            var requested = last;
            while (true)
            {
                var page = await ReadHistoryAsync(kind.Key, last, 1000, cancellationToken).ConfigureAwait(false);
                // History at or below the compaction point is gone: the watcher must re-list.
                if (requested < _writer.CompactedThrough) throw Expired(requested);
                foreach (var change in page)
                {
                    last = change.ResourceVersion;
                    if (Convert(kind, change, options) is { } e) yield return e;
                }
                if (page.Count < 1000) break;
            }
        }

        var reader = subscription.Channel.Reader;
        while (true)
        {
            while (reader.TryRead(out var change))
            {
                if (change.ResourceVersion <= last) continue;
                last = change.ResourceVersion;
                if (Convert(kind, change, options) is { } e) yield return e;
            }

            if (!options.AllowBookmarks)
            {
                if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) yield break;
                continue;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wait = reader.WaitToReadAsync(timer.Token).AsTask();
            var delay = Task.Delay(_options.BookmarkInterval, _options.Time, timer.Token);
            var first = await Task.WhenAny(wait, delay).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == wait)
            {
                await timer.CancelAsync().ConfigureAwait(false);
                if (!await wait.ConfigureAwait(false)) yield break;
                continue;
            }

            await timer.CancelAsync().ConfigureAwait(false);
            // Every event at or below the published version is already in our buffer: deliver those, then mark.
            var published = _hub.PublishedVersion;
            while (reader.TryRead(out var change))
            {
                if (change.ResourceVersion <= last) continue;
                last = change.ResourceVersion;
                if (Convert(kind, change, options) is { } e) yield return e;
            }
            last = Math.Max(last, published);
            yield return new WatchEvent(WatchEventType.Bookmark, Bookmark(kind, last));
        }
    }

    /// <summary>Forgets watch history through <paramref name="resourceVersion"/>, as etcd compaction does (tests use it to force "expired").</summary>
    public Task CompactAsync(long resourceVersion) => _writer.CompactAsync(resourceVersion);

    private WatchEvent? Convert(ResourceKind kind, StoredEvent change, WatchOptions options)
    {
        if (kind.Namespaced && !string.IsNullOrEmpty(options.Namespace) && change.Namespace != options.Namespace) return null;
        var type = change.Type;
        if (!options.LabelSelector.IsEmpty)
        {
            var matches = options.LabelSelector.Matches(Dictionary(change.Labels));
            if (type == WatchEventType.Modified)
            {
                var matched = options.LabelSelector.Matches(Dictionary(change.PreviousLabels));
                if (!matches && !matched) return null;
                type = matches && matched ? WatchEventType.Modified : matches ? WatchEventType.Added : WatchEventType.Deleted;
            }
            else if (!matches)
            {
                return null;
            }
        }
        var obj = Materialize(kind, change.Json);
        return options.FieldSelector.Matches(obj) ? new WatchEvent(type, obj) : null;
    }

    private static Dictionary<string, string>? Dictionary(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? null : new Dictionary<string, string>(labels);

    private async Task<List<StoredEvent>> ReadHistoryAsync(string kindKey, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rv, namespace, type, data, labels, prev_labels FROM events WHERE kind=$kind AND rv > $after ORDER BY rv LIMIT $limit";
        command.Parameters.AddWithValue("$kind", kindKey);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredEvent(
                reader.GetInt64(0), kindKey, reader.GetString(1), Enum.Parse<WatchEventType>(reader.GetString(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5))));
        }
        return result;
    }

    private ExpiredException Expired(long requested) =>
        new($"too old resource version: {requested} ({_writer.CompactedThrough + 1})");

    private static IKubernetesObject<V1ObjectMeta> Bookmark(ResourceKind kind, long version)
    {
        var bookmark = (IKubernetesObject<V1ObjectMeta>)Activator.CreateInstance(kind.ClrType)!;
        bookmark.ApiVersion = kind.ApiVersion;
        bookmark.Kind = kind.Kind;
        bookmark.Metadata = new V1ObjectMeta { ResourceVersion = version.ToString(CultureInfo.InvariantCulture) };
        return bookmark;
    }

    private static IKubernetesObject<V1ObjectMeta> Materialize(ResourceKind kind, string json) =>
        (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(json, kind.ClrType);

    private static IKubernetesObject<V1ObjectMeta> Materialize(ResourceKind kind, JsonObject node) =>
        (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(node, kind.ClrType);

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string EncodeContinue(string version, string ns, string name) =>
        System.Convert.ToBase64String(Encoding.UTF8.GetBytes($"{version}\n{ns}\n{name}"));

    private static (string Namespace, string Name)? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(System.Convert.FromBase64String(token)).Split('\n');
            if (parts.Length == 3) return (parts[1], parts[2]);
        }
        catch (FormatException)
        {
            // fall through to the error below
        }
        throw new BadRequestException($"invalid continue token \"{token}\"");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _writer.Dispose();
        _hub.CloseAll();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
