using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Tavily;

/// <summary>The body of <c>POST /search</c>; Tavily authenticates by its <c>api_key</c>.</summary>
internal sealed class TavilySearchRequest
{
    [JsonPropertyName("api_key")]
    public required string ApiKey { get; init; }

    public required string Query { get; init; }

    [JsonPropertyName("search_depth")]
    public required string SearchDepth { get; init; }

    [JsonPropertyName("max_results")]
    public int? MaxResults { get; init; }
}

/// <summary>The answer of <c>/search</c>.</summary>
internal sealed class TavilySearchResponse
{
    public string? Query { get; init; }

    public IReadOnlyList<TavilyResult>? Results { get; init; }
}

internal sealed class TavilyResult
{
    public string? Title { get; init; }

    public string? Url { get; init; }

    public string? Content { get; init; }

    public double? Score { get; init; }
}
