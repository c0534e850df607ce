using Fleetdeck.Core.Store;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// Splits a watch response into its newline-terminated events. A stream that ends in the middle of an event, or whose
/// connection breaks, is a lost connection (a transient 503 the informer reconnects after), never a half-read event.
/// </summary>
internal sealed class WatchLineReader(Stream stream)
{
    // An event carries one object; the API server refuses objects over 3 MiB, so this bounds a line with room to spare.
    private const int MaxLine = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _scanned;

    /// <summary>The next line without its newline, or null when the server ended the watch cleanly.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _scanned, _end - _scanned);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                _scanned = _start;
                if (IsBlank(line.Span)) continue;
                return line;
            }
            _scanned = _end;
            MakeRoom();

            int read;
            try
            {
                read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw Lost($"the watch connection broke: {e.Message}", e);
            }
            if (read == 0)
            {
                if (IsBlank(_buffer.AsSpan(_start, _end - _start))) return null;
                throw Lost("the watch connection closed in the middle of an event", null);
            }
            _end += read;
        }
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }
        if (_end < _buffer.Length) return;
        if (_buffer.Length >= MaxLine) throw new StoreException(500, "InternalError", $"a watch event is larger than {MaxLine / (1024 * 1024)} MiB");
        Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLine));
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t' or (byte)'\n')) return false;
        return true;
    }

    private static StoreException Lost(string message, Exception? inner) => new(503, "ServiceUnavailable", message, inner: inner);
}
