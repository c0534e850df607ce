using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Fleetdeck.Core.Store.Sqlite;

/// <summary>
/// The single writer of the state file. Writes queue here and run one at a time, each in its own savepoint;
/// all the writes waiting at once share one durable commit (group commit), and none is acknowledged
/// before that commit is on disk. A write that fails rolls back its savepoint only.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteRowTransaction _rows;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;
    private readonly StoreOptions _options;
    private readonly Action<IReadOnlyList<StoredEvent>, long> _publish;
    private long _compactedThrough;

    public SqliteWriter(SqliteConnection connection, StoreOptions options, Action<IReadOnlyList<StoredEvent>, long> publish)
    {
        _connection = connection;
        _options = options;
        _publish = publish;
        var rv = long.Parse(SqliteSchema.Scalar(connection, "SELECT value FROM meta WHERE key='rv'")!, CultureInfo.InvariantCulture);
        _compactedThrough = long.Parse(SqliteSchema.Scalar(connection, "SELECT value FROM meta WHERE key='compacted_rv'")!, CultureInfo.InvariantCulture);
        CommittedResourceVersion = rv;
        _rows = new SqliteRowTransaction(connection, rv);
        _thread = new Thread(Run) { IsBackground = true, Name = "fleetdeck-store-writer" };
        _thread.Start();
    }

    /// <summary>The newest version that is durable.</summary>
    public long CommittedResourceVersion { get; private set; }

    /// <summary>Events at or below this version are no longer kept.</summary>
    public long CompactedThrough => Interlocked.Read(ref _compactedThrough);

    public long CommittedWrites { get; private set; }

    public Task<T> WriteAsync<T>(Func<IRowTransaction, T> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(tx => work(tx)!, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqliteWriter), "the store is closed");
        return Cast<T>(pending.Completion.Task);
    }

    private static async Task<T> Cast<T>(Task<object> task) => (T)await task.ConfigureAwait(false);

    private void Run()
    {
        var batch = new List<PendingWrite>();
        var results = new List<(PendingWrite Write, object? Result, Exception? Error)>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            results.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested) next.Completion.TrySetCanceled(next.CancellationToken);
                else batch.Add(next);
            }
            if (batch.Count == 0) continue;
            RunBatch(batch, results);
        }
    }

    private void RunBatch(List<PendingWrite> batch, List<(PendingWrite, object?, Exception?)> results)
    {
        var startVersion = _rows.ResourceVersion;
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            _rows.Transaction = tx;
            _rows.Now = _options.Time.GetUtcNow();
            _rows.ClearEvents();
            foreach (var write in batch)
            {
                var versionBefore = _rows.ResourceVersion;
                var eventsBefore = _rows.EventCount;
                tx.Save("w");
                try
                {
                    var result = write.Work(_rows);
                    tx.Release("w");
                    results.Add((write, result, null));
                }
                catch (Exception e) when (e is not SqliteException)
                {
                    tx.Rollback("w");
                    tx.Release("w");
                    _rows.ResourceVersion = versionBefore;
                    _rows.TruncateEvents(eventsBefore);
                    results.Add((write, null, e));
                }
            }

            if (_rows.ResourceVersion != startVersion) _rows.WriteResourceVersion();
            var compactTo = _rows.ResourceVersion - _options.HistoryLimit;
            var compacted = compactTo > CompactedThrough + Math.Max(1, _options.HistoryLimit / 10);
            if (compacted) Compact(tx, compactTo);
            tx.Commit();
            if (compacted) Interlocked.Exchange(ref _compactedThrough, compactTo);
        }
        catch (Exception e)
        {
            // The commit itself failed (disk full, I/O error): nothing in this batch happened.
            _rows.ResourceVersion = startVersion;
            _rows.ClearEvents();
            _rows.Transaction = null;
            foreach (var write in batch) write.Completion.TrySetException(new StoreException(500, "InternalError", $"the state file could not be written: {e.Message}", inner: e));
            return;
        }

        _rows.Transaction = null;
        CommittedResourceVersion = _rows.ResourceVersion;
        CommittedWrites += _rows.EventCount;
        if (_rows.EventCount > 0) _publish([.. _rows.Events], CommittedResourceVersion);
        foreach (var (write, result, error) in results)
        {
            if (error is null) write.Completion.TrySetResult(result!);
            else write.Completion.TrySetException(error);
        }
    }

    private static void Compact(SqliteTransaction tx, long through)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "DELETE FROM events WHERE rv <= $rv; UPDATE meta SET value=$rvText WHERE key='compacted_rv';";
        command.Parameters.AddWithValue("$rv", through);
        command.Parameters.AddWithValue("$rvText", through.ToString(CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>Test hook: forget history through the given version, as etcd compaction does.</summary>
    public Task CompactAsync(long through) => WriteAsync(_ =>
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _rows.Transaction;
        command.CommandText = "DELETE FROM events WHERE rv <= $rv; UPDATE meta SET value=$rvText WHERE key='compacted_rv';";
        command.Parameters.AddWithValue("$rv", through);
        command.Parameters.AddWithValue("$rvText", through.ToString(CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        Interlocked.Exchange(ref _compactedThrough, Math.Max(CompactedThrough, through));
        return 0;
    }, CancellationToken.None);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _rows.Dispose();
        _connection.Dispose();
    }

    private sealed record PendingWrite(Func<IRowTransaction, object> Work, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
