using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Cohere;

/// <summary>The body of <c>POST /v2/rerank</c> (v2 has no <c>return_documents</c>: the documents are filled in from the request).</summary>
internal sealed class CohereRerankRequest
{
    public required string Model { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyList<string> Documents { get; init; }

    [JsonPropertyName("top_n")]
    public int? TopN { get; init; }
}

/// <summary>The answer of <c>/v2/rerank</c>: results by relevance, and the billed search units.</summary>
internal sealed class CohereRerankResponse
{
    public string? Id { get; init; }

    public IReadOnlyList<CohereRerankResult>? Results { get; init; }

    public CohereRerankMeta? Meta { get; init; }
}

internal sealed class CohereRerankResult
{
    public int Index { get; init; }

    [JsonPropertyName("relevance_score")]
    public double RelevanceScore { get; init; }
}

internal sealed class CohereRerankMeta
{
    [JsonPropertyName("billed_units")]
    public CohereSearchUnits? BilledUnits { get; init; }
}

internal sealed class CohereSearchUnits
{
    [JsonPropertyName("search_units")]
    public double? SearchUnits { get; init; }
}
