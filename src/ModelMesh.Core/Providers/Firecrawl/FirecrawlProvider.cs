using ModelMesh.Cdk;

namespace ModelMesh.Providers.Firecrawl;

/// <summary>
/// The <c>firecrawl.scrape.v1</c> connector: Firecrawl's <c>POST /v1/scrape</c> with <c>formats: ["markdown"]</c>,
/// the page's Markdown and metadata as the answer. The key (<c>FIRECRAWL_API_KEY</c>) is sent as
/// <c>Authorization: Bearer</c>. Both models call scrape (<c>firecrawl-crawl</c> is the reference's name for the same
/// one-page call); each is priced per request, one Firecrawl credit. Errors keep the default classification by
/// status (402 quota, 429 rate limit with <c>Retry-After</c>, 408 and 5xx retryable) with Firecrawl's
/// <c>error</c> text as the message. See docs/providers/firecrawl.md.
/// </summary>
[Provider("firecrawl.scrape.v1", BaseUrl = "https://api.firecrawl.dev", ApiKeyEnv = "FIRECRAWL_API_KEY")]
[ModelInfo("firecrawl-scrape", "content-extraction", PricePerRequest = 0.00083)]
[ModelInfo("firecrawl-crawl", "content-extraction", PricePerRequest = 0.00083)]
public sealed partial class FirecrawlProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetScrapeEndpoint)]
    private static string ScrapeEndpoint() => "/v1/scrape";

    [HookOverride(ProviderHook.BuildScrapePayload)]
    private static FirecrawlScrapeRequest BuildScrape(ScrapeRequest request) => new()
    {
        Url = request.Url,
        Formats = FirecrawlMapping.MarkdownOnly,
        OnlyMainContent = request.OnlyMainContent,
    };

    [HookOverride(ProviderHook.ParseScrapeResponse)]
    private static ScrapeResponse ParseScrape(FirecrawlScrapeResponse response, ScrapeRequest request) => FirecrawlMapping.Response(response, request);
}
