using System.Buffers;
using System.Numerics;
using System.Text;
using ModelMesh.Json.Readers;

namespace ModelMesh.Cdk;

/// <summary>
/// Reads <see cref="SseEvent"/>s from a response stream as bytes arrive (nothing is buffered beyond the event
/// being assembled), following the WHATWG event-stream rules: LF, CR or CRLF line ends, comments (<c>:</c>
/// lines, used as keep-alives), multi-line <c>data:</c> joined with LF, one optional space after the colon, a
/// leading BOM skipped. One deliberate leniency: an event still pending when the stream ends without its
/// blank line is delivered (as the official SDKs do), because real upstreams end that way. An event of one data
/// line (the usual case) is handed out as a slice of the read buffer, not copied. A line or an event
/// larger than the reader's limit fails as soon as the limit is crossed, so what an upstream sends never grows
/// the reader's memory beyond about twice the limit.
/// </summary>
public sealed class StreamEventReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;
    private const int InitialDataSize = 4 * 1024;
    private readonly Stream _stream;
    private readonly StreamFormat _format;
    private readonly int _maxEventBytes;
    private readonly int _bufferCap; // a line of the largest length, plus CRLF
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _atStart = true;
    private byte[] _data;
    private int _dataLength;
    private bool _hasData;
    private int _sliceStart = -1; // the event's only data line, still in _buffer; -1 when the data is in _data
    private int _sliceLength;
    private ChatChunkReader? _chunkReader;
    private string? _eventType;
    private bool _disposed;

    /// <summary>Creates a reader over <paramref name="stream"/> (which it does not dispose).</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="format">How events are framed.</param>
    /// <param name="maxEventBytes">
    /// The largest line (without its terminator) and the largest event data (its <c>data:</c> lines joined)
    /// accepted; a larger one throws <see cref="ResponseLimitExceededException"/> as soon as the limit is crossed,
    /// without reading the rest. Default <see cref="ProviderOptions.DefaultMaxStreamEventBytes"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEventBytes"/> is not above zero.</exception>
    public StreamEventReader(Stream stream, StreamFormat format = StreamFormat.ServerSentEvents, int maxEventBytes = ProviderOptions.DefaultMaxStreamEventBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEventBytes);
        _stream = stream;
        _format = format;
        _maxEventBytes = maxEventBytes;
        _bufferCap = (int)Math.Min((long)maxEventBytes + 2, Array.MaxLength);
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        _data = ArrayPool<byte>.Shared.Rent(InitialDataSize);
    }

    /// <summary>Called before each read from the underlying stream; used to restart an idle timer.</summary>
    public Action? BeforeRead { get; set; }

    /// <summary>Total bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The chunk reader for this stream's events, created on first use: its string cache is this stream's alone.</summary>
    internal ChatChunkReader ChunkReader => _chunkReader ??= new ChatChunkReader();

    private SseEvent CurrentEvent() => new(_eventType, _sliceStart >= 0 ? _buffer.AsMemory(_sliceStart, _sliceLength) : _data.AsMemory(0, _dataLength), this);

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
                    return CurrentEvent();
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
                        return CurrentEvent();
                    }
                }
                if (_hasData)
                {
                    _hasData = false;
                    return CurrentEvent();
                }
                return null;
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ResetEvent()
    {
        _dataLength = 0;
        _sliceStart = -1;
        _hasData = false;
        _eventType = null;
    }

    /// <summary>Handles one line; returns true when it completes an event.</summary>
    private bool ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > _maxEventBytes)
        {
            throw new ResponseLimitExceededException(ResponseLimit.StreamEvent, _maxEventBytes);
        }
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
            AppendData(line, separated: false);
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
            AppendData(value, separated: _hasData);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventType = InternEventType(value);
        }
        // "id" and "retry" are meaningless for one-shot HTTP responses; unknown fields are ignored per the spec.
        return false;
    }

    /// <summary>Adds a data line to the event (after an LF when it is not the first), within the limit.</summary>
    private void AppendData(ReadOnlySpan<byte> value, bool separated)
    {
        if (!separated && _dataLength == 0 && _sliceStart < 0 && _buffer.AsSpan(0, _end).Overlaps(value, out var offset))
        {
            // The first data line stays where it was read (a line is never longer than the limit).
            _sliceStart = offset;
            _sliceLength = value.Length;
            return;
        }
        KeepSlice();
        var needed = (long)_dataLength + (separated ? 1 : 0) + value.Length;
        if (needed > _maxEventBytes)
        {
            throw new ResponseLimitExceededException(ResponseLimit.StreamEvent, _maxEventBytes);
        }
        if (needed > _data.Length)
        {
            _data = Grow(_data, _dataLength, (int)needed, _maxEventBytes);
        }
        if (separated)
        {
            _data[_dataLength++] = (byte)'\n';
        }
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
    }

    /// <summary>Copies a data line still held in the read buffer into the data buffer, before the read buffer is moved, grown or appended to.</summary>
    private void KeepSlice()
    {
        if (_sliceStart < 0)
        {
            return;
        }
        if (_sliceLength > _data.Length)
        {
            _data = Grow(_data, 0, _sliceLength, _maxEventBytes);
        }
        _buffer.AsSpan(_sliceStart, _sliceLength).CopyTo(_data);
        _dataLength = _sliceLength;
        _sliceStart = -1;
    }

    /// <summary>
    /// A larger buffer holding the first <paramref name="used"/> bytes of <paramref name="buffer"/>: doubled (at
    /// least <paramref name="needed"/>), or the whole <paramref name="cap"/> once doubling again would pass it, so
    /// all the buffers a reader ever allocates add up to about twice the cap. Power-of-two sizes are rented from the
    /// pool (which hands out exactly that size); the cap is allocated exactly, not as the pool's next power of two.
    /// </summary>
    private static byte[] Grow(byte[] buffer, int used, int needed, int cap)
    {
        var wanted = Math.Max((long)buffer.Length * 2, needed);
        var size = wanted * 2 > cap ? cap : (int)wanted;
        var larger = BitOperations.IsPow2(size) ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];
        Buffer.BlockCopy(buffer, 0, larger, 0, used);
        Release(buffer);
        return larger;
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length > 0 && BitOperations.IsPow2(buffer.Length))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The event names seen so far (an upstream uses a handful: Anthropic's alternate), newest first.</summary>
    private readonly string?[] _eventTypes = new string?[8];

    private string InternEventType(ReadOnlySpan<byte> value)
    {
        // Reuse a name seen before when the bytes match, so a stream of named events allocates each name once.
        foreach (var known in _eventTypes)
        {
            if (known is null)
            {
                break;
            }
            if (known.Length == value.Length && System.Text.Ascii.Equals(value, known))
            {
                return known;
            }
        }
        var type = Encoding.UTF8.GetString(value);
        Array.Copy(_eventTypes, 0, _eventTypes, 1, _eventTypes.Length - 1);
        _eventTypes[0] = type;
        return type;
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
        KeepSlice(); // the event continues past this buffer's end
        if (_start > 0)
        {
            // Keep the unconsumed tail at the front. Only the partial line is moved, never the event data.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        // What is left is one unfinished line (a CR at its end may be half of CRLF): past the limit, it fails now.
        var lineLength = _end > 0 && _buffer[_end - 1] == (byte)'\r' ? _end - 1 : _end;
        if (lineLength > _maxEventBytes)
        {
            throw new ResponseLimitExceededException(ResponseLimit.StreamEvent, _maxEventBytes);
        }
        var capacity = Math.Min(_buffer.Length, _bufferCap);
        if (_end == capacity)
        {
            _buffer = Grow(_buffer, _end, _end + 1, _bufferCap);
            capacity = Math.Min(_buffer.Length, _bufferCap);
        }
        BeforeRead?.Invoke();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end, capacity - _end), cancellationToken).ConfigureAwait(false);
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
            Release(_buffer);
            Release(_data);
            _buffer = [];
            _data = [];
        }
    }
}
