using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh.Json;

namespace ModelMesh;

/// <summary>The response of the Embeddings API.</summary>
public sealed class EmbeddingResponse
{
    /// <summary>The object type, <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "list";

    /// <summary>One embedding per input, in input order.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<Embedding> Data { get; set; } = [];

    /// <summary>The model that produced them.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>Token usage.</summary>
    [JsonPropertyName("usage")]
    public EmbeddingUsage? Usage { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One embedding.</summary>
public sealed class Embedding
{
    /// <summary>The object type, <c>embedding</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "embedding";

    /// <summary>The index of the input it embeds.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The vector; serialized as a float array or base64, as it was received or requested.</summary>
    [JsonPropertyName("embedding")]
    public EmbeddingVector Vector { get; set; } = new([], EmbeddingEncoding.Float);

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>How an embedding vector is written on the wire.</summary>
public enum EmbeddingEncoding
{
    /// <summary>A JSON array of numbers.</summary>
    Float,
    /// <summary>A base64 string of little-endian float32 values.</summary>
    Base64,
}

/// <summary>An embedding vector and the wire encoding it is written in.</summary>
[JsonConverter(typeof(EmbeddingVectorConverter))]
public sealed class EmbeddingVector
{
    /// <summary>Creates a vector.</summary>
    public EmbeddingVector(float[] values, EmbeddingEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Encoding = encoding;
    }

    /// <summary>The values.</summary>
    public float[] Values { get; }

    /// <summary>How the vector is written on the wire.</summary>
    public EmbeddingEncoding Encoding { get; }

    /// <summary>The same values written in another encoding.</summary>
    public EmbeddingVector WithEncoding(EmbeddingEncoding encoding) => encoding == Encoding ? this : new(Values, encoding);

    /// <summary>The values as base64 of little-endian float32, OpenAI's <c>encoding_format: base64</c>.</summary>
    public string ToBase64()
    {
        if (!BitConverter.IsLittleEndian)
        {
            var bytes = new byte[Values.Length * sizeof(float)];
            for (var i = 0; i < Values.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), Values[i]);
            }
            return Convert.ToBase64String(bytes);
        }
        return Convert.ToBase64String(MemoryMarshal.AsBytes(Values.AsSpan()));
    }

    /// <summary>Decodes base64 of little-endian float32 values.</summary>
    /// <exception cref="FormatException">The text is not base64 or its length is not a multiple of four bytes.</exception>
    public static EmbeddingVector FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new FormatException($"A base64 embedding must decode to a multiple of 4 bytes; got {bytes.Length}.");
        }
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        return new EmbeddingVector(values, EmbeddingEncoding.Base64);
    }
}

/// <summary>Token usage of an embeddings request.</summary>
public sealed class EmbeddingUsage
{
    /// <summary>Tokens in the input.</summary>
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; set; }

    /// <summary>Total tokens billed.</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
