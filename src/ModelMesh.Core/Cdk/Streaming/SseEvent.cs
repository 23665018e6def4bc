using System.Text;
using ModelMesh.Json.Readers;

namespace ModelMesh.Cdk;

/// <summary>
/// One event of a response stream: an SSE event (its <c>event:</c> type and joined <c>data:</c> lines) or one
/// NDJSON line. <see cref="Data"/> points into the reader's buffer and is valid only until the next event is read.
/// </summary>
public readonly struct SseEvent
{
    private static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;

    /// <summary>Creates an event.</summary>
    /// <param name="eventType">The SSE <c>event:</c> field, or null when absent (the default type, "message").</param>
    /// <param name="data">The data: the SSE <c>data:</c> lines joined with LF, or the NDJSON line.</param>
    public SseEvent(string? eventType, ReadOnlyMemory<byte> data)
    {
        EventType = eventType;
        Data = data;
    }

    /// <summary>An event read by <paramref name="source"/>, whose per-stream chunk reader it hands on.</summary>
    internal SseEvent(string? eventType, ReadOnlyMemory<byte> data, StreamEventReader source) : this(eventType, data)
    {
        _source = source;
    }

    private readonly StreamEventReader? _source;

    /// <summary>
    /// The chunk reader of the stream this event came from (its repeated-string cache is that stream's), or null for
    /// an event made outside a <see cref="StreamEventReader"/>.
    /// </summary>
    internal ChatChunkReader? ChunkReader => _source?.ChunkReader;

    /// <summary>The SSE <c>event:</c> field, or null when absent.</summary>
    public string? EventType { get; }

    /// <summary>The event data as UTF-8 bytes; valid until the next event is read.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Whether the data is exactly <c>[DONE]</c>, OpenAI's end-of-stream marker.</summary>
    public bool IsDone => Data.Span.SequenceEqual(DoneMarker);

    /// <summary>The data decoded as text (allocates; for diagnostics and tests).</summary>
    public string DataText => Encoding.UTF8.GetString(Data.Span);

    /// <inheritdoc/>
    public override string ToString() => EventType is null ? DataText : $"{EventType}: {DataText}";
}

/// <summary>How a provider frames its streamed responses.</summary>
public enum StreamFormat
{
    /// <summary>Server-sent events (<c>text/event-stream</c>): <c>data:</c> lines, optional <c>event:</c> types, comments.</summary>
    ServerSentEvents,
    /// <summary>Newline-delimited JSON: one JSON object per line (Ollama's native API).</summary>
    NewlineDelimitedJson,
}
