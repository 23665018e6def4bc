using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Json;

/// <summary>Message <c>content</c>: a string, an array of content parts, or null.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent?>
{
    public override bool HandleNull => true;

    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadContent(ref reader);

    /// <summary>Reads the content at the reader's current token (also used by the hand-written completion reader).</summary>
    internal static MessageContent? ReadContent(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new MessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = new List<ChatContentPart>();
                var info = ModelMeshJsonContext.Default.ChatContentPart;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    parts.Add(JsonSerializer.Deserialize(ref reader, info)
                        ?? throw new JsonException("A message content part must be an object, not null."));
                }
                return new MessageContent(parts);
            default:
                throw new JsonException($"Message 'content' must be a string, an array of content parts or null; found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
        }
        else
        {
            writer.WriteStartArray();
            var info = ModelMeshJsonContext.Default.ChatContentPart;
            foreach (var part in value.Parts!)
            {
                JsonSerializer.Serialize(writer, part, info);
            }
            writer.WriteEndArray();
        }
    }
}
