using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Json;

/// <summary><c>tool_choice</c>: a mode string, <c>{"type":"function","function":{"name":…}}</c>, or another object kept verbatim.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString() switch
                {
                    "none" => ToolChoice.None,
                    "auto" => ToolChoice.Auto,
                    "required" => ToolChoice.Required,
                    var other => ToolChoice.FromMode(other!),
                };
            case JsonTokenType.StartObject:
                using (var doc = JsonDocument.ParseValue(ref reader))
                {
                    var root = doc.RootElement;
                    if (root.EnumerateObject().Count() == 2
                        && root.TryGetProperty("type", out var type) && type.ValueEquals("function")
                        && root.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                        && function.EnumerateObject().Count() == 1
                        && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        return ToolChoice.Function(name.GetString()!);
                    }
                    return ToolChoice.FromRaw(root);
                }
            default:
                throw new JsonException($"'tool_choice' must be a string or an object; found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
        }
        else if (value.FunctionName is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", value.FunctionName);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            value.Raw!.Value.WriteTo(writer);
        }
    }
}
