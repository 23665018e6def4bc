using System.Text;
using System.Text.Json;

namespace ModelMesh.Simulation;

/// <summary>Reads the fields of a JSON request body, rejecting a wrong one with a message that names it.</summary>
internal static class RequestFields
{
    /// <summary>The body as a JSON object.</summary>
    /// <exception cref="SimulatedRequestException">The body is empty, not JSON, or not an object.</exception>
    public static JsonDocument ParseObject(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new SimulatedRequestException("The request has no body; a JSON object is expected.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new SimulatedRequestException($"The request body is not valid JSON: {e.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new SimulatedRequestException($"The request body must be a JSON object; found {Describe(kind)}.");
        }
        return document;
    }

    public static string RequiredString(JsonElement parent, string name) =>
        OptionalString(parent, name) is { Length: > 0 } value ? value : throw new SimulatedRequestException($"'{name}' is required and must be a non-empty string.", name);

    public static string? OptionalString(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SimulatedRequestException($"'{name}' must be a string; found {Describe(value.ValueKind)}.", name);
    }

    public static int? OptionalInt(JsonElement parent, string name, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
        {
            return (int)number;
        }
        throw new SimulatedRequestException($"'{name}' must be a whole number from {min} to {max}; found {Shown(value)}.", name);
    }

    public static bool? OptionalBool(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SimulatedRequestException($"'{name}' must be true or false; found {Describe(value.ValueKind)}.", name),
        };
    }

    /// <summary>A message's text: a string <c>content</c>, or the text parts of a list of parts joined.</summary>
    public static string ContentText(JsonElement message, string path)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return string.Empty;
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(partText.GetString());
                    }
                }
                return text.ToString();
            default:
                throw new SimulatedRequestException($"'{path}.content' must be a string, a list of parts or null; found {Describe(content.ValueKind)}.", path + ".content");
        }
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shown(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetRawText() is { Length: <= 24 } raw ? raw : Describe(value.ValueKind);
}
