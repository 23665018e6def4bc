using System.Text;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests;

public class StreamEventReaderTests
{
    /// <summary>A stream that hands out at most one byte per read, so every event is split across reads.</summary>
    private sealed class OneByteStream(byte[] bytes) : Stream
    {
        private int _position;

        public int Reads { get; private set; }

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
            Reads++;
            if (_position == bytes.Length || buffer.IsEmpty)
            {
                return 0;
            }
            buffer[0] = bytes[_position++];
            return 1;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }

    private sealed record Event(string? Type, string Data, bool IsDone);

    private static Stream Open(byte[] bytes, bool oneByteAtATime) =>
        oneByteAtATime ? new OneByteStream(bytes) : new MemoryStream(bytes);

    private static async Task<List<Event>> ReadAll(byte[] bytes, bool oneByteAtATime, StreamFormat format = StreamFormat.ServerSentEvents)
    {
        using var stream = Open(bytes, oneByteAtATime);
        using var reader = new StreamEventReader(stream, format);
        var events = new List<Event>();
        while (await reader.ReadAsync() is { } e)
        {
            // Data is only valid until the next read: copy it now.
            events.Add(new Event(e.EventType, e.DataText, e.IsDone));
        }
        return events;
    }

    private static Task<List<Event>> ReadAll(string text, bool oneByteAtATime, StreamFormat format = StreamFormat.ServerSentEvents) =>
        ReadAll(Encoding.UTF8.GetBytes(text), oneByteAtATime, format);

    private static async Task<List<string>> ReadData(string text, bool oneByteAtATime) =>
        (await ReadAll(text, oneByteAtATime)).Select(e => e.Data).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Events_separated_by_LF_are_read(bool oneByteAtATime) =>
        Assert.Equal(["a", "b"], await ReadData("data: a\n\ndata: b\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Events_separated_by_CRLF_are_read(bool oneByteAtATime) =>
        Assert.Equal(["a", "b"], await ReadData("data: a\r\n\r\ndata: b\r\n\r\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Events_separated_by_lone_CR_are_read(bool oneByteAtATime) =>
        Assert.Equal(["a", "b"], await ReadData("data: a\r\rdata: b\r\r", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mixed_line_endings_are_read(bool oneByteAtATime) =>
        Assert.Equal(["a\nb", "c"], await ReadData("data: a\r\ndata: b\r\rdata: c\n\r\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Comment_lines_are_ignored(bool oneByteAtATime) =>
        Assert.Equal(["a", "b"], await ReadData(": keep-alive\n\ndata: a\n: inside an event\n\n:\n\ndata: b\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Multi_line_data_is_joined_with_LF(bool oneByteAtATime) =>
        Assert.Equal(["line 1\nline 2\nline 3"], await ReadData("data: line 1\ndata: line 2\ndata: line 3\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Data_without_a_space_after_the_colon_is_read(bool oneByteAtATime) =>
        Assert.Equal(["x"], await ReadData("data:x\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Only_one_space_after_the_colon_is_stripped(bool oneByteAtATime) =>
        Assert.Equal([" x", "  y "], await ReadData("data:  x\n\ndata:   y \n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Named_event_types_are_read(bool oneByteAtATime) =>
        Assert.Equal(
            [new Event("message_start", "{}", false), new Event("ping", "p", false)],
            await ReadAll("event: message_start\ndata: {}\n\nevent:ping\ndata: p\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Event_type_does_not_leak_into_the_next_event(bool oneByteAtATime) =>
        Assert.Equal(
            [new Event("content_block_delta", "1", false), new Event(null, "2", false)],
            await ReadAll("event: content_block_delta\ndata: 1\n\ndata: 2\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Event_type_of_an_event_without_data_does_not_carry_over(bool oneByteAtATime) =>
        Assert.Equal([new Event(null, "2", false)], await ReadAll("event: orphan\n\ndata: 2\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Done_marker_is_detected(bool oneByteAtATime) =>
        Assert.Equal(
            [new Event(null, "{\"x\":1}", false), new Event(null, "[DONE]", true)],
            await ReadAll("data: {\"x\":1}\n\ndata: [DONE]\n\n", oneByteAtATime));

    [Theory]
    [InlineData("[DONE] ")]
    [InlineData("[done]")]
    [InlineData("[DONE")]
    [InlineData("")]
    public void Only_exact_done_data_is_done(string data) =>
        Assert.False(new SseEvent(null, Encoding.UTF8.GetBytes(data)).IsDone);

    [Fact]
    public void Sse_event_to_string_shows_type_and_data()
    {
        Assert.Equal("ping: {}", new SseEvent("ping", "{}"u8.ToArray()).ToString());
        Assert.Equal("{}", new SseEvent(null, "{}"u8.ToArray()).ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Final_event_without_a_trailing_blank_line_is_delivered(bool oneByteAtATime) =>
        Assert.Equal(["a", "b"], await ReadData("data: a\n\ndata: b\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Final_event_without_any_trailing_newline_is_delivered(bool oneByteAtATime) =>
        Assert.Equal(["a", "b"], await ReadData("data: a\n\ndata: b", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Final_event_ending_in_a_lone_CR_is_delivered(bool oneByteAtATime) =>
        Assert.Equal(["a"], await ReadData("data: a\r", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Final_multi_line_event_without_a_trailing_newline_is_delivered_whole(bool oneByteAtATime) =>
        Assert.Equal([new Event("e", "1\n2", false)], await ReadAll("event: e\ndata: 1\ndata: 2", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Leading_utf8_bom_is_skipped(bool oneByteAtATime)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "data: a\n\n"u8];
        Assert.Equal([new Event(null, "a", false)], await ReadAll(bytes, oneByteAtATime));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Leading_utf8_bom_before_an_event_field_is_skipped(bool oneByteAtATime)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "event: start\ndata: a\n\n"u8];
        Assert.Equal([new Event("start", "a", false)], await ReadAll(bytes, oneByteAtATime));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Empty_data_events_are_delivered_with_empty_data(bool oneByteAtATime) =>
        Assert.Equal(["", "", "x"], await ReadData("data:\n\ndata\n\ndata: x\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unknown_fields_id_and_retry_are_ignored(bool oneByteAtATime) =>
        Assert.Equal(["a"], await ReadData("id: 7\nretry: 1000\nfoo: bar\ndata: a\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Empty_stream_has_no_events(bool oneByteAtATime) =>
        Assert.Empty(await ReadAll("", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stream_of_only_comments_and_blank_lines_has_no_events(bool oneByteAtATime) =>
        Assert.Empty(await ReadAll(": ping\n\n\n: pong\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Utf8_multibyte_data_is_decoded(bool oneByteAtATime) =>
        Assert.Equal(["héllo → 世界 🎉"], await ReadData("data: héllo → 世界 🎉\n\n", oneByteAtATime));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Event_larger_than_the_initial_buffer_is_read_whole(bool oneByteAtATime)
    {
        var big = new string('x', 40_000);
        Assert.Equal([big, "after"], await ReadData($"data: {big}\n\ndata: after\n\n", oneByteAtATime));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ndjson_yields_one_event_per_non_blank_line(bool oneByteAtATime) =>
        Assert.Equal(
            [new Event(null, "{\"a\":1}", false), new Event(null, "{\"b\":2}", false), new Event(null, "{\"c\":3}", false)],
            await ReadAll("{\"a\":1}\n\n{\"b\":2}\r\n   \n{\"c\":3}\n", oneByteAtATime, StreamFormat.NewlineDelimitedJson));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ndjson_last_line_without_a_newline_is_delivered(bool oneByteAtATime) =>
        Assert.Equal(
            ["{\"a\":1}", "{\"done\":true}"],
            (await ReadAll("{\"a\":1}\n{\"done\":true}", oneByteAtATime, StreamFormat.NewlineDelimitedJson)).Select(e => e.Data));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ndjson_lines_are_not_interpreted_as_sse_fields(bool oneByteAtATime) =>
        Assert.Equal(
            ["data: x", ": y"],
            (await ReadAll("data: x\n: y\n", oneByteAtATime, StreamFormat.NewlineDelimitedJson)).Select(e => e.Data));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ndjson_leading_bom_is_skipped(bool oneByteAtATime)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"a\":1}\n"u8];
        Assert.Equal(["{\"a\":1}"], (await ReadAll(bytes, oneByteAtATime, StreamFormat.NewlineDelimitedJson)).Select(e => e.Data));
    }

    [Theory]
    [InlineData("openai/chat-stream-text.sse")]
    [InlineData("anthropic/messages-stream.sse")]
    [InlineData("openrouter/chat-stream-text.sse")]
    public async Task Capture_reads_the_same_events_whole_and_one_byte_at_a_time(string capture)
    {
        var bytes = ModelMesh.Testing.ConformanceCaptures.ReadBytes(capture);
        var whole = await ReadAll(bytes, oneByteAtATime: false);
        Assert.NotEmpty(whole);
        Assert.Equal(whole, await ReadAll(bytes, oneByteAtATime: true));
    }

    [Fact]
    public async Task Openai_capture_ends_with_done()
    {
        var events = await ReadAll(ModelMesh.Testing.ConformanceCaptures.ReadBytes("openai/chat-stream-text.sse"), oneByteAtATime: false);
        Assert.True(events[^1].IsDone);
        Assert.Single(events, e => e.IsDone);
    }

    [Fact]
    public async Task Ollama_ndjson_capture_yields_one_event_per_line()
    {
        var text = ModelMesh.Testing.ConformanceCaptures.ReadText("ollama/api-chat-stream.ndjson");
        var lines = text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.TrimEnd('\r')).ToList();
        var events = await ReadAll(text, oneByteAtATime: true, StreamFormat.NewlineDelimitedJson);
        Assert.Equal(lines, events.Select(e => e.Data));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BytesRead_counts_every_byte_of_the_stream(bool oneByteAtATime)
    {
        var bytes = Encoding.UTF8.GetBytes(": c\r\ndata: é\r\n\r\ndata: [DONE]\r\n\r\n");
        using var stream = Open(bytes, oneByteAtATime);
        using var reader = new StreamEventReader(stream);
        Assert.Equal(0, reader.BytesRead);
        while (await reader.ReadAsync() is not null)
        {
        }
        Assert.Equal(bytes.Length, reader.BytesRead);
    }

    [Fact]
    public async Task BytesRead_grows_as_events_are_read()
    {
        var bytes = Encoding.UTF8.GetBytes("data: a\n\ndata: b\n\n");
        using var reader = new StreamEventReader(new OneByteStream(bytes));
        await reader.ReadAsync();
        Assert.Equal("data: a\n\n".Length, reader.BytesRead);
    }

    [Fact]
    public async Task BeforeRead_is_invoked_before_each_read_of_the_stream()
    {
        var bytes = Encoding.UTF8.GetBytes("data: a\n\n");
        var stream = new OneByteStream(bytes);
        using var reader = new StreamEventReader(stream);
        var calls = 0;
        reader.BeforeRead = () => calls++;
        while (await reader.ReadAsync() is not null)
        {
        }
        Assert.Equal(bytes.Length + 1, calls); // one per byte and one for the end of the stream
        Assert.Equal(stream.Reads, calls);
    }

    [Fact]
    public async Task BeforeRead_is_invoked_twice_for_a_small_memory_stream()
    {
        using var reader = new StreamEventReader(new MemoryStream("data: a\n\n"u8.ToArray()));
        var calls = 0;
        reader.BeforeRead = () => calls++;
        Assert.NotNull(await reader.ReadAsync());
        Assert.Equal(1, calls);
        Assert.Null(await reader.ReadAsync());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Reading_after_the_end_keeps_returning_null()
    {
        using var reader = new StreamEventReader(new MemoryStream("data: a"u8.ToArray()));
        Assert.Equal("a", (await reader.ReadAsync())!.Value.DataText);
        Assert.Null(await reader.ReadAsync());
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task Reading_after_dispose_throws()
    {
        var reader = new StreamEventReader(new MemoryStream("data: a\n\n"u8.ToArray()));
        reader.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task Cancelled_token_cancels_the_read()
    {
        using var reader = new StreamEventReader(new MemoryStream("data: a\n\n"u8.ToArray()));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadAsync(cts.Token));
    }

    [Fact]
    public void Null_stream_throws() =>
        Assert.Throws<ArgumentNullException>(() => new StreamEventReader(null!));
}
