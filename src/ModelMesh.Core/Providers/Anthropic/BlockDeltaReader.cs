using System.Text;
using System.Text.Json;

namespace ModelMesh.Providers.Anthropic;

/// <summary>
/// Reads <c>content_block_delta</c> events (nearly every event of a stream) in one pass, without the wire objects a
/// generated reader makes and without a string for the delta's type, which is matched as UTF-8. It reads what the
/// generated reader read: members matched by name ignoring case, unknown members skipped, a value of the wrong type a
/// <see cref="JsonException"/> naming the member.
/// </summary>
internal static class BlockDeltaReader
{
    /// <exception cref="JsonException">The data is not a JSON object, or a member has the wrong type.</exception>
    public static BlockDelta Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("The JSON for content_block_delta is empty.");
        }
        ExpectObject(ref reader, "content_block_delta");
        var index = 0;
        var kind = BlockDeltaKind.Other;
        string? text = null, partialJson = null, thinking = null, signature = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (Is(ref reader, "delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    // No delta: nothing to map (and what an earlier "delta" member said is replaced, as by the serializer).
                    kind = BlockDeltaKind.Other;
                    text = partialJson = thinking = signature = null;
                    continue;
                }
                ExpectObject(ref reader, "delta");
                kind = BlockDeltaKind.Other;
                text = partialJson = thinking = signature = null;
                ReadDelta(ref reader, ref kind, ref text, ref partialJson, ref thinking, ref signature);
            }
            else if (Is(ref reader, "index"u8))
            {
                reader.Read();
                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value
                    : throw WrongType("index", "an integer that fits in 32 bits", reader.TokenType);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new BlockDelta(index, kind, text, partialJson, thinking, signature);
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ref BlockDeltaKind kind, ref string? text, ref string? partialJson, ref string? thinking, ref string? signature)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (Is(ref reader, "type"u8))
            {
                reader.Read();
                kind = KindOf(ref reader);
            }
            else if (Is(ref reader, "text"u8))
            {
                reader.Read();
                text = String(ref reader, "delta.text");
            }
            else if (Is(ref reader, "partial_json"u8))
            {
                reader.Read();
                partialJson = String(ref reader, "delta.partial_json");
            }
            else if (Is(ref reader, "thinking"u8))
            {
                reader.Read();
                thinking = String(ref reader, "delta.thinking");
            }
            else if (Is(ref reader, "signature"u8))
            {
                reader.Read();
                signature = String(ref reader, "delta.signature");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The delta's type, compared exactly (as the mapping compared the string) but without making the string.</summary>
    private static BlockDeltaKind KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return BlockDeltaKind.Other;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongType("delta.type", "a string", reader.TokenType);
        }
        return reader.ValueTextEquals("text_delta"u8) ? BlockDeltaKind.TextDelta
            : reader.ValueTextEquals("input_json_delta"u8) ? BlockDeltaKind.InputJsonDelta
            : reader.ValueTextEquals("thinking_delta"u8) ? BlockDeltaKind.ThinkingDelta
            : reader.ValueTextEquals("signature_delta"u8) ? BlockDeltaKind.SignatureDelta
            : BlockDeltaKind.Other;
    }

    /// <summary>Whether the property name the reader is on is <paramref name="name"/>, ignoring ASCII case (as the generated readers match).</summary>
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.ValueTextEquals(name))
        {
            return true;
        }
        return !reader.ValueIsEscaped && !reader.HasValueSequence
            ? Ascii.EqualsIgnoreCase(reader.ValueSpan, name)
            : string.Equals(reader.GetString(), Encoding.UTF8.GetString(name), StringComparison.OrdinalIgnoreCase);
    }

    private static string? String(ref Utf8JsonReader reader, string member) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw WrongType(member, "a string", reader.TokenType),
    };

    private static void ExpectObject(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType(member, "an object", reader.TokenType);
        }
    }

    private static JsonException WrongType(string member, string expected, JsonTokenType found) =>
        new($"The member '{member}' of content_block_delta must be {expected}, not {found}.");
}
