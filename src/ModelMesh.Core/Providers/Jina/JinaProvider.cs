using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Jina;

/// <summary>
/// The <c>jina.ai.v1</c> connector: Jina AI's embeddings (OpenAI's shape at <c>/v1/embeddings</c>, so the default
/// hooks), reranker (<c>/v1/rerank</c>) and Reader (<c>jina-reader</c>: <c>GET {reader_base_url}/{page url}</c> with
/// <c>Accept: application/json</c>, on <c>https://r.jina.ai</c> unless the <c>reader_base_url</c> setting says
/// otherwise). The key (<c>JINA_API_KEY</c>) is sent as <c>Authorization: Bearer</c>, never in a URL.
/// See docs/providers/jina.md.
/// </summary>
[Provider("jina.ai.v1", BaseUrl = "https://api.jina.ai", ApiKeyEnv = "JINA_API_KEY", SettingKeys = [JinaReaderMapping.ReaderBaseUrlKey])]
[ModelInfo("jina-embeddings-v3", "text-embeddings", ContextWindow = 8_192, InputPricePer1K = 0.00005)]
[ModelInfo("jina-reranker-v2-base-multilingual", "reranking", InputPricePer1K = 0.00005)]
[ModelInfo("jina-reader", "content-extraction", OutputPricePer1K = 0.00005)]
public sealed partial class JinaProvider : BaseProvider
{
    private readonly string _readerBaseUrl;

    /// <summary>Creates the provider; a <c>reader_base_url</c> setting that is not an absolute http or https URL is rejected here.</summary>
    /// <param name="options">The provider's options; <c>config: reader_base_url</c> (default <c>https://r.jina.ai</c>) is where pages are read.</param>
    /// <param name="httpClient">The HTTP client to send with, or null for one of the provider's own.</param>
    /// <exception cref="ConfigurationException">The <c>reader_base_url</c> setting is not an absolute http or https URL.</exception>
    public JinaProvider(ProviderOptions options, HttpClient? httpClient = null) : base(options, httpClient)
    {
        _readerBaseUrl = JinaReaderMapping.ReaderBaseUrl(options.Settings);
    }

    // Every Jina API answers JSON; the reader answers plain text unless asked for JSON.
    [HookOverride(ProviderHook.BuildHeaders)]
    private static void Headers(HttpRequestHeaders headers)
    {
        if (headers.Accept.Count == 0)
        {
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
    }

    [HookOverride(ProviderHook.GetRerankEndpoint)]
    private static string RerankEndpoint() => "/v1/rerank";

    [HookOverride(ProviderHook.BuildRerankPayload)]
    private static JinaRerankRequest BuildRerank(RerankRequest request) => new()
    {
        Model = request.Model,
        Query = request.Query,
        Documents = request.Documents,
        TopN = request.TopN,
        ReturnDocuments = request.ReturnDocuments,
    };

    [HookOverride(ProviderHook.ParseRerankResponse)]
    private static RerankResponse ParseRerank(JinaRerankResponse response, RerankRequest request) => JinaRerankMapping.Response(response, request);

    [HookOverride(ProviderHook.GetScrapeMethod)]
    private static HttpMethod ScrapeMethod() => HttpMethod.Get;

    [HookOverride(ProviderHook.GetScrapeEndpoint)]
    private string ScrapeEndpoint(ScrapeRequest request) => JinaReaderMapping.Endpoint(_readerBaseUrl, request);

    [HookOverride(ProviderHook.ParseScrapeResponse)]
    private static ScrapeResponse ParseScrape(JinaReaderResponse response, ScrapeRequest request) => JinaReaderMapping.Response(response, request);
}
