using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh.Json;

namespace ModelMesh;

/// <summary>A request to the Embeddings API, field for field as OpenAI defines it.</summary>
public sealed class EmbeddingRequest
{
    /// <summary>The pool, capability or model to use.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>The text(s) or token array(s) to embed.</summary>
    [JsonPropertyName("input")]
    public EmbeddingInput Input { get; set; } = EmbeddingInput.FromTexts([]);

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32, base64-encoded).</summary>
    [JsonPropertyName("encoding_format")]
    public string? EncodingFormat { get; set; }

    /// <summary>How many dimensions the embeddings should have (models that support shortening).</summary>
    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }

    /// <summary>A stable end-user identifier for abuse monitoring.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A shallow copy: lists are shared, scalar fields can be changed on the copy independently.</summary>
    public EmbeddingRequest Clone()
    {
        var copy = (EmbeddingRequest)MemberwiseClone();
        if (AdditionalProperties is not null)
        {
            copy.AdditionalProperties = new Dictionary<string, JsonElement>(AdditionalProperties);
        }
        return copy;
    }
}

/// <summary>The <c>input</c> of an embeddings request: one text, several texts, or token arrays.</summary>
[JsonConverter(typeof(EmbeddingInputConverter))]
public sealed class EmbeddingInput
{
    private EmbeddingInput(IReadOnlyList<string>? texts, IReadOnlyList<IReadOnlyList<int>>? tokens, bool isSingle)
    {
        Texts = texts;
        Tokens = tokens;
        IsSingle = isSingle;
    }

    /// <summary>The texts, when the input is text.</summary>
    public IReadOnlyList<string>? Texts { get; }

    /// <summary>The token arrays, when the input is tokens.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Tokens { get; }

    /// <summary>Whether the input was a single item (a string, or one flat token array) rather than a list.</summary>
    public bool IsSingle { get; }

    /// <summary>How many inputs there are.</summary>
    public int Count => Texts?.Count ?? Tokens!.Count;

    /// <summary>One text.</summary>
    public static EmbeddingInput FromText(string text) => new([text], null, true);

    /// <summary>Several texts.</summary>
    public static EmbeddingInput FromTexts(IReadOnlyList<string> texts) => new(texts, null, false);

    /// <summary>One token array.</summary>
    public static EmbeddingInput FromTokens(IReadOnlyList<int> tokens) => new(null, [tokens], true);

    /// <summary>Several token arrays.</summary>
    public static EmbeddingInput FromTokenArrays(IReadOnlyList<IReadOnlyList<int>> tokens) => new(null, tokens, false);

    /// <summary>One text.</summary>
    public static implicit operator EmbeddingInput(string text) => FromText(text);

    /// <summary>Several texts.</summary>
    public static implicit operator EmbeddingInput(string[] texts) => FromTexts(texts);
}
