using ModelMesh.Cdk;

namespace ModelMesh.Providers.Jina;

/// <summary>
/// The <c>jina.ai.v1</c> connector: Jina AI's embeddings (OpenAI's shape at <c>/v1/embeddings</c>, so the default
/// hooks) and reranker (<c>/v1/rerank</c>). The key (<c>JINA_API_KEY</c>) is sent as <c>Authorization: Bearer</c>.
/// See docs/providers/jina.md.
/// </summary>
[Provider("jina.ai.v1", BaseUrl = "https://api.jina.ai", ApiKeyEnv = "JINA_API_KEY")]
[ModelInfo("jina-embeddings-v3", "text-embeddings", ContextWindow = 8_192, InputPricePer1K = 0.00005)]
[ModelInfo("jina-reranker-v2-base-multilingual", "reranking", InputPricePer1K = 0.00005)]
public sealed partial class JinaProvider : BaseProvider
{
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
}
