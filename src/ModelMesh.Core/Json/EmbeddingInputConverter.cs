using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Json;

/// <summary>Embeddings <c>input</c>: a string, an array of strings, an array of integers, or an array of integer arrays.</summary>
internal sealed class EmbeddingInputConverter : JsonConverter<EmbeddingInput>
{
    private const string Expected = "'input' must be a string, an array of strings, an array of token integers or an array of token arrays";

    public override EmbeddingInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return EmbeddingInput.FromText(reader.GetString()!);
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"{Expected}; found {reader.TokenType}.");
        }
        List<string>? texts = null;
        List<int>? flat = null;
        List<IReadOnlyList<int>>? nested = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String when flat is null && nested is null:
                    (texts ??= []).Add(reader.GetString()!);
                    break;
                case JsonTokenType.Number when texts is null && nested is null:
                    (flat ??= []).Add(Token(ref reader));
                    break;
                case JsonTokenType.StartArray when texts is null && flat is null:
                    var tokens = new List<int>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.Number)
                        {
                            throw new JsonException($"{Expected}; a token array holds {reader.TokenType}.");
                        }
                        tokens.Add(Token(ref reader));
                    }
                    (nested ??= []).Add(tokens);
                    break;
                default:
                    throw new JsonException($"{Expected}; found a mixed array or {reader.TokenType}.");
            }
        }
        if (flat is not null)
        {
            return EmbeddingInput.FromTokens(flat);
        }
        if (nested is not null)
        {
            return EmbeddingInput.FromTokenArrays(nested);
        }
        return EmbeddingInput.FromTexts(texts ?? []);
    }

    private static int Token(ref Utf8JsonReader reader) =>
        reader.TryGetInt32(out var token) ? token : throw new JsonException($"{Expected}; a token must be a 32-bit integer.");

    public override void Write(Utf8JsonWriter writer, EmbeddingInput value, JsonSerializerOptions options)
    {
        if (value.Texts is not null)
        {
            if (value.IsSingle)
            {
                writer.WriteStringValue(value.Texts[0]);
                return;
            }
            writer.WriteStartArray();
            foreach (var text in value.Texts)
            {
                writer.WriteStringValue(text);
            }
            writer.WriteEndArray();
            return;
        }
        if (!value.IsSingle)
        {
            writer.WriteStartArray();
        }
        foreach (var tokens in value.Tokens!)
        {
            writer.WriteStartArray();
            foreach (var token in tokens)
            {
                writer.WriteNumberValue(token);
            }
            writer.WriteEndArray();
        }
        if (!value.IsSingle)
        {
            writer.WriteEndArray();
        }
    }
}
