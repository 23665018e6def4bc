using System.Buffers;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Benchmarks.Parsing;

/// <summary>
/// The near-limit references: readers that find every text and argument fragment of a stream and model nothing
/// else (no objects, no strings: they add up the fragments' UTF-8 lengths). What a typed parse costs beyond them is
/// the price of the object model.
/// </summary>
internal static class MinimalStreamReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// One pass over the bytes as they are read: each <c>data:</c> line is framed and its JSON read in place in the
    /// read buffer (single-line events only, which is what the captures hold).
    /// </summary>
    public static async Task<long> SinglePassAsync(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var end = 0;
        long fragments = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end)).ConfigureAwait(false);
                if (read == 0)
                {
                    return fragments + ReadLines(buffer.AsSpan(0, end), final: true, out _);
                }
                end += read;
                fragments += ReadLines(buffer.AsSpan(0, end), final: false, out var consumed);
                buffer.AsSpan(consumed, end - consumed).CopyTo(buffer);
                end -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>ModelMesh's SSE framing (<see cref="StreamEventReader"/>), then the same minimal JSON read per event.</summary>
    public static async Task<long> OwnFramingAsync(Stream stream)
    {
        using var reader = new StreamEventReader(stream);
        long fragments = 0;
        while (await reader.ReadAsync().ConfigureAwait(false) is SseEvent e)
        {
            if (!e.IsDone)
            {
                fragments += ReadFragments(e.Data.Span);
            }
        }
        return fragments;
    }

    /// <summary>
    /// ModelMesh's framing and its typed chunk reader (<c>ChatChunkReader</c>, the provider's parse) with no provider
    /// loop around them: what the provider row costs beyond this is its per-event loop.
    /// </summary>
    public static async Task<long> OwnFramingChunkReaderAsync(Stream stream)
    {
        using var reader = new StreamEventReader(stream);
        long fragments = 0;
        while (await reader.ReadAsync().ConfigureAwait(false) is SseEvent e)
        {
            if (!e.IsDone && e.ChunkReader!.Read(e.Data.Span) is { } chunk)
            {
                fragments += chunk.Choices.Count;
            }
        }
        return fragments;
    }

    private static long ReadLines(ReadOnlySpan<byte> buffer, bool final, out int consumed)
    {
        long fragments = 0;
        consumed = 0;
        while (true)
        {
            var rest = buffer[consumed..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !(final && !rest.IsEmpty))
            {
                return fragments;
            }
            var line = newline < 0 ? rest : rest[..newline];
            consumed += newline < 0 ? rest.Length : newline + 1;
            if (line.StartsWith("data: "u8) && !line[6..].SequenceEqual("[DONE]"u8))
            {
                fragments += ReadFragments(line[6..]);
            }
        }
    }

    /// <summary>The UTF-8 length of every content, text, arguments and partial_json string in one event's JSON.</summary>
    private static long ReadFragments(ReadOnlySpan<byte> json)
    {
        long length = 0;
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName
                && (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("text"u8)
                    || reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("partial_json"u8))
                && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                length += reader.ValueSpan.Length;
            }
        }
        return length;
    }
}
