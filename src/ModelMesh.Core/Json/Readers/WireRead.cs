using System.Text.Json;

namespace ModelMesh.Json.Readers;

/// <summary>
/// Token-level reads shared by the hand-written wire readers. Every mismatch is a <see cref="JsonException"/> naming
/// the member (the exception kind the stream pipeline classifies as a malformed response), never the reader's
/// <see cref="InvalidOperationException"/>.
/// </summary>
internal static class WireRead
{
    public static JsonException WrongType(string memberPath, string expected, JsonTokenType found) =>
        new($"The member '{memberPath}' must be {expected}, not {Describe(found)}.");

    /// <summary>Fails unless the current token is the start of an object.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, string memberPath)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType(memberPath, "an object", reader.TokenType);
        }
    }

    /// <summary>
    /// Whether the current token starts an array to read: false for <c>null</c> (the member is absent), a
    /// <see cref="JsonException"/> naming the member for anything else.
    /// </summary>
    public static bool StartArray(ref Utf8JsonReader reader, string memberPath) => reader.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw WrongType(memberPath, "an array", reader.TokenType),
    };

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    public static string? String(ref Utf8JsonReader reader, string memberPath) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw WrongType(memberPath, "a string", reader.TokenType),
    };

    public static long Int64(ref Utf8JsonReader reader, string memberPath) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value
            : throw WrongType(memberPath, "an integer that fits in 64 bits", reader.TokenType);

    public static int Int32(ref Utf8JsonReader reader, string memberPath) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value
            : throw WrongType(memberPath, "an integer that fits in 32 bits", reader.TokenType);

    public static int? NullableInt32(ref Utf8JsonReader reader, string memberPath) =>
        reader.TokenType == JsonTokenType.Null ? null : Int32(ref reader, memberPath);

    /// <summary>
    /// Keeps an unmodelled member (the reader is on its name) in <paramref name="extensions"/>, created on the
    /// first one, as the serializer's <c>[JsonExtensionData]</c> does.
    /// </summary>
    public static void Extension(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? extensions)
    {
        var name = reader.GetString()!;
        reader.Read();
        extensions ??= [];
        extensions[name] = JsonElement.ParseValue(ref reader);
    }

    /// <summary>Fails when anything but whitespace follows the top-level value.</summary>
    public static void ExpectEnd(ref Utf8JsonReader reader, string what)
    {
        if (reader.Read())
        {
            throw new JsonException($"{what} is followed by more JSON ({Describe(reader.TokenType)}).");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a fraction or a number out of range",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
