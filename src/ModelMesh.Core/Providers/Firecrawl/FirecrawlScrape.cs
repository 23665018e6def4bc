using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Firecrawl;

/// <summary>The body of <c>POST /v1/scrape</c>.</summary>
internal sealed class FirecrawlScrapeRequest
{
    public required string Url { get; init; }

    public required IReadOnlyList<string> Formats { get; init; }

    public bool? OnlyMainContent { get; init; }
}

/// <summary>
/// The answer of <c>/v1/scrape</c>: <c>{success, data:{markdown, metadata}}</c>, or <c>{success:false, error}</c>
/// (which Firecrawl sends with an error status, and which is an error whatever the status).
/// </summary>
internal sealed class FirecrawlScrapeResponse
{
    public bool? Success { get; init; }

    public string? Error { get; init; }

    public FirecrawlDocument? Data { get; init; }
}

internal sealed class FirecrawlDocument
{
    public string? Markdown { get; init; }

    public FirecrawlMetadata? Metadata { get; init; }
}

/// <summary>
/// The page's metadata. Title and description come from the page's own tags, which Firecrawl passes on as a
/// string or, for a page with several such tags, a list: kept as JSON and read by <see cref="FirecrawlMapping"/>.
/// </summary>
internal sealed class FirecrawlMetadata
{
    public JsonElement? Title { get; init; }

    public JsonElement? Description { get; init; }

    [JsonPropertyName("sourceURL")]
    public string? SourceUrl { get; init; }

    public string? Url { get; init; }

    public int? StatusCode { get; init; }
}
