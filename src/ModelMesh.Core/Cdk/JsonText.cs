using System.Text.Json;

namespace ModelMesh.Cdk;

/// <summary>
/// JSON that arrives as text and must go on the wire as a JSON value: tool-call arguments (a string in the OpenAI
/// shape, an object in Anthropic's), a schema literal. A wire record's <see cref="JsonElement"/> member writes the
/// element as it is, so a connector maps text to JSON without JSON code of its own.
/// </summary>
public static class JsonText
{
    /// <summary>The JSON value <paramref name="text"/> holds, as an element that outlives nothing.</summary>
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
}
