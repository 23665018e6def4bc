using System.Text;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests;

public class StreamEventLimitTests
{
    /// <summary>A stream of <c>prefix</c> then <c>unit</c> repeated, up to a length, generated as it is read (no big array).</summary>
    private sealed class GeneratedStream(string prefix, string unit, long length) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private readonly byte[] _unit = Encoding.UTF8.GetBytes(unit);
        private long _position;

        public long Position64 => _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < count; i++, _position++)
            {
                buffer[i] = _position < _prefix.Length ? _prefix[_position] : _unit[(_position - _prefix.Length) % _unit.Length];
            }
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }

    private static async Task<List<string>> ReadAllAsync(string text, int maxEventBytes, StreamFormat format = StreamFormat.ServerSentEvents)
    {
        using var reader = new StreamEventReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, maxEventBytes);
        var events = new List<string>();
        while (await reader.ReadAsync() is { } e)
        {
            events.Add(e.DataText);
        }
        return events;
    }

    [Fact]
    public async Task A_64_MB_line_fails_at_the_limit_without_reading_or_buffering_the_rest()
    {
        const int Limit = 1024 * 1024;
        var stream = new GeneratedStream("data: ", "x", 64_000_000);
        using var reader = new StreamEventReader(stream, StreamFormat.ServerSentEvents, Limit);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = await Assert.ThrowsAsync<ResponseLimitExceededException>(async () => await reader.ReadAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((ResponseLimit.StreamEvent, Limit), (error.Limit, error.LimitBytes));
        Assert.True(stream.Position64 <= 2L * Limit, $"Read {stream.Position64} bytes of the stream.");
        Assert.True(allocated < 3L * Limit, $"Allocated {allocated} bytes.");
    }

    [Fact]
    public async Task A_multi_line_event_whose_joined_data_exceeds_the_limit_fails_with_bounded_memory()
    {
        const int Limit = 1024 * 1024;
        // 64 MB of short data lines and no blank line: one event.
        using var reader = new StreamEventReader(new GeneratedStream("", "data: " + new string('x', 1000) + "\n", 64_000_000), StreamFormat.ServerSentEvents, Limit);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = await Assert.ThrowsAsync<ResponseLimitExceededException>(async () => await reader.ReadAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ResponseLimit.StreamEvent, error.Limit);
        Assert.True(allocated < 3L * Limit, $"Allocated {allocated} bytes.");
    }

    [Fact]
    public async Task An_event_at_the_limit_is_read()
    {
        const int Limit = 64 * 1024;
        var first = new string('x', Limit / 2);
        var second = new string('y', Limit - first.Length - 1); // joined with one LF: exactly the limit
        Assert.Equal([first + "\n" + second], await ReadAllAsync("data: " + first + "\ndata: " + second + "\n\n", Limit));
    }

    [Fact]
    public async Task A_line_at_the_limit_is_read_whatever_its_terminator()
    {
        const int Limit = 64 * 1024;
        var data = new string('x', Limit - "data: ".Length);
        Assert.Equal([data], await ReadAllAsync("data: " + data + "\n\n", Limit));
        Assert.Equal([data], await ReadAllAsync("data: " + data + "\r\n\r\n", Limit));
        Assert.Equal([data], await ReadAllAsync("data: " + data + "\r\r", Limit));
        Assert.Equal([data], await ReadAllAsync("data: " + data, Limit)); // the last line, unterminated
    }

    [Fact]
    public async Task A_line_one_byte_above_the_limit_fails()
    {
        const int Limit = 64 * 1024;
        var data = new string('x', Limit - "data: ".Length + 1);
        await Assert.ThrowsAsync<ResponseLimitExceededException>(() => ReadAllAsync("data: " + data + "\n\n", Limit));
        await Assert.ThrowsAsync<ResponseLimitExceededException>(() => ReadAllAsync("data: " + data, Limit));
    }

    [Fact]
    public async Task A_long_comment_line_is_bounded_too()
    {
        const int Limit = 64 * 1024;
        await Assert.ThrowsAsync<ResponseLimitExceededException>(() => ReadAllAsync(":" + new string(' ', 2 * Limit) + "\ndata: a\n\n", Limit));
    }

    [Fact]
    public async Task An_ndjson_line_above_the_limit_fails()
    {
        const int Limit = 64 * 1024;
        var events = await ReadAllAsync("{\"a\":1}\n", Limit, StreamFormat.NewlineDelimitedJson);
        Assert.Equal(["{\"a\":1}"], events);
        await Assert.ThrowsAsync<ResponseLimitExceededException>(() =>
            ReadAllAsync("{\"a\":1}\n{\"b\":\"" + new string('x', Limit) + "\"}\n", Limit, StreamFormat.NewlineDelimitedJson));
    }

    [Fact]
    public async Task Many_events_each_under_the_limit_are_read_whatever_their_total()
    {
        const int Limit = 4 * 1024;
        var line = "data: " + new string('x', 3000) + "\n\n";
        var events = await ReadAllAsync(string.Concat(Enumerable.Repeat(line, 100)), Limit);
        Assert.Equal(100, events.Count);
    }

    [Fact]
    public void Limit_must_be_above_zero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamEventReader(new MemoryStream(), StreamFormat.ServerSentEvents, 0));
}
