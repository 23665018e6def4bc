using System.Text.Json;

namespace ModelMesh.Json.Readers;

/// <summary>The string members an upstream repeats on every chunk of a stream, each with its own cache slot.</summary>
internal enum RepeatedMember
{
    Id,
    Object,
    Model,
    SystemFingerprint,
    ServiceTier,
    Role,
    FinishReason,
    ToolCallType,
}

/// <summary>
/// The last string read for each <see cref="RepeatedMember"/>, with its raw UTF-8 bytes: when a chunk repeats the
/// bytes (as every chunk of a stream repeats its id, model and fingerprint) the previous string is returned instead
/// of a new one. One instance belongs to one stream, read by one reader at a time, so it needs no locking; the
/// strings handed out are immutable and safe to keep.
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>Values longer than this are not cached: no upstream repeats long values per chunk, and the copy would cost more than it saves.</summary>
    private const int MaxCachedBytes = 256;

    private readonly Entry[] _entries = new Entry[Enum.GetValues<RepeatedMember>().Length];

    /// <summary>
    /// Reads the string (or null) at the reader's current token, returning the member's previous string when the raw
    /// bytes repeat. The raw (still escaped) bytes are compared: equal raw bytes always decode to equal strings.
    /// </summary>
    /// <exception cref="JsonException">The token is neither a string nor null.</exception>
    public string? Read(ref Utf8JsonReader reader, RepeatedMember member, string memberPath)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WireRead.WrongType(memberPath, "a string", reader.TokenType);
        }
        if (reader.HasValueSequence)
        {
            return reader.GetString(); // never for span input; kept correct rather than cached
        }
        var raw = reader.ValueSpan;
        ref var entry = ref _entries[(int)member];
        if (entry.Value is not null && raw.SequenceEqual(entry.Raw.AsSpan(0, entry.Length)))
        {
            return entry.Value;
        }
        var value = reader.GetString()!;
        if (raw.Length <= MaxCachedBytes)
        {
            if (entry.Raw is null || entry.Raw.Length < raw.Length)
            {
                entry.Raw = new byte[Math.Max(raw.Length, 32)];
            }
            raw.CopyTo(entry.Raw);
            entry.Length = raw.Length;
            entry.Value = value;
        }
        return value;
    }

    private struct Entry
    {
        public byte[]? Raw;
        public int Length;
        public string? Value;
    }
}
