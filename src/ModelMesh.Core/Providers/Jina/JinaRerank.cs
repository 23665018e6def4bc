using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Jina;

/// <summary>The body of <c>POST /v1/rerank</c>.</summary>
internal sealed class JinaRerankRequest
{
    public required string Model { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyList<string> Documents { get; init; }

    [JsonPropertyName("top_n")]
    public int? TopN { get; init; }

    [JsonPropertyName("return_documents")]
    public bool? ReturnDocuments { get; init; }
}

/// <summary>The answer of <c>/v1/rerank</c>: results by relevance, each with its document when asked, and token usage.</summary>
internal sealed class JinaRerankResponse
{
    public string? Model { get; init; }

    public JinaUsage? Usage { get; init; }

    public IReadOnlyList<JinaRerankResult>? Results { get; init; }
}

internal sealed class JinaRerankResult
{
    public int Index { get; init; }

    [JsonPropertyName("relevance_score")]
    public double RelevanceScore { get; init; }

    public JinaDocument? Document { get; init; }
}

internal sealed class JinaDocument
{
    public string? Text { get; init; }
}

internal sealed class JinaUsage
{
    [JsonPropertyName("total_tokens")]
    public int? TotalTokens { get; init; }
}
