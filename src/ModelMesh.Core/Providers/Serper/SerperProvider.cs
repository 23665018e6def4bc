using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Serper;

/// <summary>
/// The <c>serper.search.v1</c> connector: Google results through Serper, <c>POST /search</c>. The key
/// (<c>SERPER_API_KEY</c>) is sent as <c>X-API-KEY</c>, not as a Bearer token. See docs/providers/serper.md.
/// </summary>
[Provider("serper.search.v1", BaseUrl = "https://google.serper.dev", ApiKeyEnv = "SERPER_API_KEY")]
[ModelInfo("serper-google-search", "web-search", PricePerRequest = 0.001)]
public sealed partial class SerperProvider : BaseProvider
{
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        headers.Authorization = null;
        if (!string.IsNullOrEmpty(Options.ApiKey))
        {
            headers.Remove("X-API-KEY");
            headers.TryAddWithoutValidation("X-API-KEY", Options.ApiKey);
        }
    }

    [HookOverride(ProviderHook.GetSearchEndpoint)]
    private static string SearchEndpoint() => "/search";

    [HookOverride(ProviderHook.BuildSearchPayload)]
    private static SerperSearchRequest BuildSearch(SearchRequest request) => new() { Q = request.Query, Num = request.MaxResults };

    [HookOverride(ProviderHook.ParseSearchResponse)]
    private static SearchResponse ParseSearch(SerperSearchResponse response, SearchRequest request) => new()
    {
        Model = request.Model,
        Results = (response.Organic ?? [])
            .Select(r => new SearchResult { Title = r.Title ?? string.Empty, Url = r.Link ?? string.Empty, Snippet = r.Snippet ?? string.Empty })
            .Take(request.MaxResults ?? int.MaxValue)
            .ToArray(),
    };
}
