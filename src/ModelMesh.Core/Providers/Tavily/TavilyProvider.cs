using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Tavily;

/// <summary>
/// The <c>tavily.search.v1</c> connector: Tavily's web search, <c>POST /search</c>. Tavily takes the key
/// (<c>TAVILY_API_KEY</c>) as <c>api_key</c> in the JSON body, so no <c>Authorization</c> header is sent; the body is
/// never part of an error message. The model picks the search depth: <c>tavily-search</c> is <c>advanced</c>,
/// <c>tavily-search-basic</c> is <c>basic</c>. See docs/providers/tavily.md.
/// </summary>
[Provider("tavily.search.v1", BaseUrl = "https://api.tavily.com", ApiKeyEnv = "TAVILY_API_KEY")]
[ModelInfo("tavily-search", "web-search", PricePerRequest = 0.016)]
[ModelInfo("tavily-search-basic", "web-search", PricePerRequest = 0.008)]
public sealed partial class TavilyProvider : BaseProvider
{
    /// <summary>The model id that asks for a basic (one-credit) search; every other id is an advanced one.</summary>
    internal const string BasicModel = "tavily-search-basic";

    [HookOverride(ProviderHook.BuildHeaders)]
    private static void Headers(HttpRequestHeaders headers) => headers.Authorization = null; // the key travels in the body

    [HookOverride(ProviderHook.GetSearchEndpoint)]
    private static string SearchEndpoint() => "/search";

    [HookOverride(ProviderHook.BuildSearchPayload)]
    private TavilySearchRequest BuildSearch(SearchRequest request) => new()
    {
        ApiKey = Options.ApiKey ?? string.Empty,
        Query = request.Query,
        MaxResults = request.MaxResults,
        SearchDepth = string.Equals(request.Model, BasicModel, StringComparison.OrdinalIgnoreCase) ? "basic" : "advanced",
    };

    [HookOverride(ProviderHook.ParseSearchResponse)]
    private static SearchResponse ParseSearch(TavilySearchResponse response, SearchRequest request) => new()
    {
        Model = request.Model,
        Results = (response.Results ?? throw new InvalidDataException("Tavily's search response has no 'results'."))
            .Select(r => new SearchResult { Title = r.Title ?? string.Empty, Url = r.Url ?? string.Empty, Snippet = r.Content ?? string.Empty })
            .ToArray(),
    };
}
