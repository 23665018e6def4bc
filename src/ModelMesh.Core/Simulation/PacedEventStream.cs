namespace ModelMesh.Simulation;

/// <summary>One server-sent event of a simulated stream, and whether the pace delays it.</summary>
internal readonly record struct PacedEvent(bool Paced, byte[] Bytes);

/// <summary>
/// A response body that makes its events as they are read: each paced event waits <see cref="SimulatedOptions.Pace"/>
/// on the options' clock first, and a read returns at most one event, so the reader sees words arrive one by one.
/// The wait observes the read's cancellation token, so a cancelled request stops at once.
/// </summary>
internal sealed class PacedEventStream(IEnumerable<PacedEvent> events, SimulatedOptions options) : Stream
{
    private readonly IEnumerator<PacedEvent> _events = events.GetEnumerator();
    private byte[] _current = [];
    private int _offset;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (buffer.IsEmpty)
        {
            return 0;
        }
        if (_offset == _current.Length)
        {
            if (_ended || !_events.MoveNext())
            {
                _ended = true;
                return 0;
            }
            var next = _events.Current;
            if (next.Paced && options.Pace > TimeSpan.Zero)
            {
                await Task.Delay(options.Pace, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            _current = next.Bytes;
            _offset = 0;
        }
        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads block on the pace; HttpClient and the providers read asynchronously.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _events.Dispose();
        }
        base.Dispose(disposing);
    }
}
