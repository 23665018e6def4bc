using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Cohere;

/// <summary>The body of <c>POST /v2/embed</c>.</summary>
internal sealed class CohereEmbedRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<string> Texts { get; init; }

    [JsonPropertyName("input_type")]
    public required string InputType { get; init; }

    [JsonPropertyName("embedding_types")]
    public IReadOnlyList<string> EmbeddingTypes { get; init; } = ["float"];

    [JsonPropertyName("output_dimension")]
    public int? OutputDimension { get; init; }

    /// <summary>Cohere's own fields the caller sent (<c>truncate</c>, …), unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The answer of <c>/v2/embed</c>: vectors by type, and the billed units.</summary>
internal sealed class CohereEmbedResponse
{
    public string? Id { get; init; }

    public CohereEmbeddingsByType? Embeddings { get; init; }

    public CohereEmbedMeta? Meta { get; init; }
}

internal sealed class CohereEmbeddingsByType
{
    public IReadOnlyList<float[]>? Float { get; init; }
}

internal sealed class CohereEmbedMeta
{
    [JsonPropertyName("billed_units")]
    public CohereUnits? BilledUnits { get; init; }
}
