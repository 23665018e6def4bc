using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Json;

/// <summary>An embedding: a JSON array of numbers, or a base64 string of little-endian float32 values.</summary>
internal sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            try
            {
                return EmbeddingVector.FromBase64(reader.GetString()!);
            }
            catch (FormatException e)
            {
                throw new JsonException($"'embedding' is not valid base64 float32 data: {e.Message}", e);
            }
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"'embedding' must be an array of numbers or a base64 string; found {reader.TokenType}.");
        }
        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException($"'embedding' array must hold numbers; found {reader.TokenType}.");
            }
            values.Add(reader.GetSingle());
        }
        return new EmbeddingVector([.. values], EmbeddingEncoding.Float);
    }

    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.Encoding == EmbeddingEncoding.Base64)
        {
            writer.WriteStringValue(value.ToBase64());
            return;
        }
        writer.WriteStartArray();
        foreach (var v in value.Values)
        {
            writer.WriteNumberValue(v);
        }
        writer.WriteEndArray();
    }
}
