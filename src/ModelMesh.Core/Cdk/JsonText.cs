using System.Buffers;
using System.Text.Json;

namespace ModelMesh.Cdk;

/// <summary>
/// Conversions between the JSON <em>texts</em> the OpenAI shape carries in strings (tool-call arguments, tool
/// results) and the <see cref="JsonElement"/> members of wire records, for connectors whose upstream wants those
/// values as JSON (Gemini's <c>functionCall.args</c> and <c>functionResponse.response</c>, Anthropic's tool-use
/// <c>input</c>, Ollama's tool-call arguments and <c>format</c>). A connector uses these instead of writing JSON code of its own; the elements it gets
/// are standalone (safe to keep). The other way is <see cref="JsonElement.GetRawText"/>.
/// </summary>
public static class JsonText
{
    /// <summary>Parses one JSON value; false (and <c>default</c>) when the text is null, blank or not valid JSON.</summary>
    /// <param name="text">The JSON text, for example a tool call's <c>arguments</c>.</param>
    /// <param name="value">The parsed value, standalone.</param>
    public static bool TryParse(string? text, out JsonElement value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The JSON value <paramref name="text"/> holds, standalone.</summary>
    /// <param name="text">One JSON value (whitespace around it is allowed).</param>
    /// <param name="description">What the text is, for the error (for example <c>the arguments of tool call 'call_1'</c>).</param>
    /// <exception cref="ArgumentException">The text is not one valid JSON value; the message names <paramref name="description"/> and the position.</exception>
    public static JsonElement Parse(string text, string description)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(description);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            // The text itself is not repeated: it is caller or model content.
            throw new ArgumentException($"{description} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", nameof(text), e);
        }
    }

    /// <summary>A JSON string holding <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    public static JsonElement String(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Build(writer => writer.WriteStringValue(text));
    }

    /// <summary>A JSON object with the one member <paramref name="name"/> = <paramref name="value"/> (for example <c>{"result": …}</c>).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The member value; an undefined element is written as JSON null.</param>
    public static JsonElement Object(string name, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Build(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName(name);
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public static JsonElement Boolean(bool value) => value ? True : False;

    private static readonly JsonElement True = Build(writer => writer.WriteBooleanValue(true));
    private static readonly JsonElement False = Build(writer => writer.WriteBooleanValue(false));

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
