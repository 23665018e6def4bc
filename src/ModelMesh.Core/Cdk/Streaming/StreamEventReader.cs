using System.Buffers;
using System.Text;

namespace ModelMesh.Cdk;

/// <summary>
/// Reads <see cref="SseEvent"/>s from a response stream as bytes arrive (nothing is buffered beyond the event
/// being assembled), following the WHATWG event-stream rules: LF, CR or CRLF line ends, comments (<c>:</c>
/// lines, used as keep-alives), multi-line <c>data:</c> joined with LF, one optional space after the colon, a
/// leading BOM skipped. One deliberate leniency: an event still pending when the stream ends without its
/// blank line is delivered (as the official SDKs do), because real upstreams end that way.
/// </summary>
public sealed class StreamEventReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;
    private readonly Stream _stream;
    private readonly StreamFormat _format;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _atStart = true;
    private readonly ArrayBufferWriter<byte> _data = new(4 * 1024);
    private bool _hasData;
    private string? _eventType;
    private bool _disposed;

    /// <summary>Creates a reader over <paramref name="stream"/> (which it does not dispose).</summary>
    public StreamEventReader(Stream stream, StreamFormat format = StreamFormat.ServerSentEvents)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _format = format;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>Called before each read from the underlying stream; used to restart an idle timer.</summary>
    public Action? BeforeRead { get; set; }

    /// <summary>Total bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Reads the next event, or returns null at the end of the stream. The returned event's data is valid until
    /// the next call.
    /// </summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ResetEvent(); // the previous event's data is no longer needed by the caller
        while (true)
        {
            while (TryTakeLine(out var lineStart, out var lineLength))
            {
                if (ProcessLine(_buffer.AsSpan(lineStart, lineLength)))
                {
                    return new SseEvent(_eventType, _data.WrittenMemory);
                }
            }
            if (_endOfStream)
            {
                // A final line without a line terminator, then any event still pending.
                if (_end > _start)
                {
                    var dispatched = ProcessLine(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    if (dispatched)
                    {
                        return new SseEvent(_eventType, _data.WrittenMemory);
                    }
                }
                if (_hasData)
                {
                    _hasData = false;
                    return new SseEvent(_eventType, _data.WrittenMemory);
                }
                return null;
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ResetEvent()
    {
        _data.ResetWrittenCount();
        _hasData = false;
        _eventType = null;
    }

    /// <summary>Handles one line; returns true when it completes an event.</summary>
    private bool ProcessLine(ReadOnlySpan<byte> line)
    {
        if (_atStart)
        {
            _atStart = false;
            if (line.StartsWith(Utf8Bom))
            {
                line = line[Utf8Bom.Length..];
            }
        }

        if (_format == StreamFormat.NewlineDelimitedJson)
        {
            if (line.Trim(" \t"u8).IsEmpty)
            {
                return false;
            }
            _data.Write(line);
            _hasData = true;
            return true;
        }

        if (line.IsEmpty)
        {
            if (_hasData)
            {
                return true;
            }
            _eventType = null; // an event with no data is not dispatched, and its type does not carry over
            return false;
        }
        if (line[0] == (byte)':')
        {
            return false; // comment / keep-alive
        }

        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (_hasData)
            {
                _data.Write("\n"u8);
            }
            _data.Write(value);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventType = InternEventType(value);
        }
        // "id" and "retry" are meaningless for one-shot HTTP responses; unknown fields are ignored per the spec.
        return false;
    }

    private string? _lastEventType;

    private string InternEventType(ReadOnlySpan<byte> value)
    {
        // Upstreams repeat a handful of event names; reuse the previous string when it matches.
        if (_lastEventType is not null && Encoding.UTF8.GetByteCount(_lastEventType) == value.Length)
        {
            Span<byte> scratch = value.Length <= 128 ? stackalloc byte[value.Length] : new byte[value.Length];
            Encoding.UTF8.GetBytes(_lastEventType, scratch);
            if (scratch.SequenceEqual(value))
            {
                return _lastEventType;
            }
        }
        return _lastEventType = Encoding.UTF8.GetString(value);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Finds the next complete line in the buffer and advances past its terminator.</summary>
    private bool TryTakeLine(out int lineStart, out int lineLength)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var index = span.IndexOfAny((byte)'\n', (byte)'\r');
        if (index < 0)
        {
            lineStart = lineLength = 0;
            return false;
        }
        var terminatorLength = 1;
        if (span[index] == (byte)'\r')
        {
            if (index + 1 < span.Length)
            {
                if (span[index + 1] == (byte)'\n')
                {
                    terminatorLength = 2;
                }
            }
            else if (!_endOfStream)
            {
                // A CR at the end of the buffer may be the first half of CRLF: wait for the next byte.
                lineStart = lineLength = 0;
                return false;
            }
        }
        lineStart = _start;
        lineLength = index;
        _start += index + terminatorLength;
        return true;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            // Keep the unconsumed tail at the front. Only the partial line is moved, never the event data.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        BeforeRead?.Invoke();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfStream = true;
        }
        else
        {
            _end += read;
            BytesRead += read;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
