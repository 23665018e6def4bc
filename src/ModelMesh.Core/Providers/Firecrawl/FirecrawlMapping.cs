using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Firecrawl;

/// <summary>Firecrawl's scrape answer as the CDK's <see cref="ScrapeResponse"/>.</summary>
internal static class FirecrawlMapping
{
    /// <summary>Firecrawl's markdown format: the one <see cref="ScrapeResponse"/> carries.</summary>
    public static readonly IReadOnlyList<string> MarkdownOnly = ["markdown"];

    /// <exception cref="InBandErrorException"><c>success</c> is false: the body is the error.</exception>
    /// <exception cref="InvalidDataException">A successful answer without <c>data.markdown</c>.</exception>
    public static ScrapeResponse Response(FirecrawlScrapeResponse response, ScrapeRequest request)
    {
        if (response.Success == false)
        {
            throw new InBandErrorException();
        }
        var document = response.Data ?? throw new InvalidDataException("Firecrawl's scrape response has no 'data'.");
        var markdown = document.Markdown ?? throw new InvalidDataException("Firecrawl's scrape response has no 'data.markdown'.");
        var metadata = document.Metadata;
        return new ScrapeResponse
        {
            Model = request.Model,
            Url = metadata?.SourceUrl ?? metadata?.Url ?? request.Url,
            Markdown = markdown,
            Title = Text(metadata?.Title),
            Description = Text(metadata?.Description),
            StatusCode = metadata?.StatusCode,
        };
    }

    /// <summary>A tag's text: the string, or the first string of a list; null for anything else.</summary>
    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().FirstOrDefault(e => e.ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.String } first
            ? first.GetString() : null,
        _ => null,
    };
}
