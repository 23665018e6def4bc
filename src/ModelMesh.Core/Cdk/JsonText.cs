using System.Text.Json;
using ModelMesh.Json;

namespace ModelMesh.Cdk;

/// <summary>
/// Conversions between JSON text and the <see cref="JsonElement"/> members of wire records, for connectors whose
/// upstream takes as a JSON value what the OpenAI shape carries as text (tool-call arguments as an object, a
/// format that is a string or a schema). The other way is <see cref="JsonElement.GetRawText"/>.
/// </summary>
public static class JsonText
{
    /// <summary>Reads one JSON value from <paramref name="json"/>.</summary>
    /// <param name="json">JSON text.</param>
    /// <param name="element">The value, independent of any document, when the text is one valid JSON value.</param>
    /// <returns>Whether the text is one valid JSON value.</returns>
    public static bool TryParse(string? json, out JsonElement element)
    {
        element = default;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A JSON string value holding <paramref name="value"/>.</summary>
    /// <param name="value">The text of the string.</param>
    public static JsonElement String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToElement(value, ModelMeshJsonContext.Default.String);
    }

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public static JsonElement Boolean(bool value) => value ? True : False;

    private static readonly JsonElement True = JsonSerializer.SerializeToElement(true, ModelMeshJsonContext.Default.Boolean);
    private static readonly JsonElement False = JsonSerializer.SerializeToElement(false, ModelMeshJsonContext.Default.Boolean);
}
