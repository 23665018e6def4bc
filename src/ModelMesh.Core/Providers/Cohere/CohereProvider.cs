using ModelMesh.Cdk;

namespace ModelMesh.Providers.Cohere;

/// <summary>
/// The <c>cohere.nlp.v1</c> connector: Cohere's v2 API — <c>/v2/chat</c> (named SSE events, tool calls with their
/// plan, billed units as usage), <c>/v2/embed</c>, <c>/v2/rerank</c> and <c>/v1/models</c>. The key (<c>COHERE_API_KEY</c>) is sent as
/// <c>Authorization: Bearer</c>. See docs/providers/cohere.md.
/// </summary>
[Provider("cohere.nlp.v1", BaseUrl = "https://api.cohere.com", ApiKeyEnv = "COHERE_API_KEY")]
[ModelInfo("command-a-03-2025", "chat-completion", ContextWindow = 256_000, MaxOutputTokens = 8_000, InputPricePer1K = 0.0025, OutputPricePer1K = 0.01, Features = CohereFeatures.Chat)]
[ModelInfo("command-r-plus-08-2024", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 4_000, InputPricePer1K = 0.0025, OutputPricePer1K = 0.01, Features = CohereFeatures.Chat)]
[ModelInfo("command-r-08-2024", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 4_000, InputPricePer1K = 0.00015, OutputPricePer1K = 0.0006, Features = CohereFeatures.Chat)]
[ModelInfo("command-r7b-12-2024", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 4_000, InputPricePer1K = 0.0000375, OutputPricePer1K = 0.00015, Features = CohereFeatures.Chat)]
[ModelInfo("embed-v4.0", "text-embeddings", ContextWindow = 128_000, InputPricePer1K = 0.00012)]
[ModelInfo("embed-english-v3.0", "text-embeddings", ContextWindow = 512, InputPricePer1K = 0.0001)]
[ModelInfo("rerank-v3.5", "reranking", PricePerRequest = 0.002)]
[ModelInfo("rerank-english-v3.0", "reranking", PricePerRequest = 0.002)]
[ModelInfo("rerank-multilingual-v3.0", "reranking", PricePerRequest = 0.002)]
public sealed partial class CohereProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string ChatEndpoint() => "/v2/chat";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static CohereChatRequest BuildChat(ChatCompletionRequest request) => CohereRequests.Chat(request);

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion ParseChat(CohereChatResponse response) => CohereResponses.Completion(response);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "message-start")]
    private static ChatCompletionChunk? MessageStart(CohereMessageStart start) => CohereResponses.Start(start);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "content-delta")]
    private static ChatCompletionChunk? ContentDelta(CohereStreamEvent e) => CohereResponses.Content(e);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "tool-plan-delta")]
    private static ChatCompletionChunk? ToolPlanDelta(CohereStreamEvent e) => CohereResponses.ToolPlan(e);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "tool-call-start")]
    private static ChatCompletionChunk? ToolCallStart(CohereStreamEvent e) => CohereResponses.ToolCall(e);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "tool-call-delta")]
    private static ChatCompletionChunk? ToolCallDelta(CohereStreamEvent e) => CohereResponses.ToolCall(e);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "message-end")]
    private static ChatCompletionChunk? MessageEnd(CohereStreamEvent e) => CohereResponses.End(e);

    [HookOverride(ProviderHook.GetEmbeddingsEndpoint)]
    private static string EmbedEndpoint() => "/v2/embed";

    [HookOverride(ProviderHook.BuildEmbeddingsPayload)]
    private static CohereEmbedRequest BuildEmbed(EmbeddingRequest request) => CohereRequests.Embed(request);

    [HookOverride(ProviderHook.ParseEmbeddingsResponse)]
    private static EmbeddingResponse ParseEmbed(CohereEmbedResponse response, EmbeddingRequest request) => CohereResponses.Embeddings(response, request);

    [HookOverride(ProviderHook.GetRerankEndpoint)]
    private static string RerankEndpoint() => "/v2/rerank";

    [HookOverride(ProviderHook.BuildRerankPayload)]
    private static CohereRerankRequest BuildRerank(RerankRequest request) => CohereRerankMapping.Request(request);

    [HookOverride(ProviderHook.ParseRerankResponse)]
    private static RerankResponse ParseRerank(CohereRerankResponse response, RerankRequest request) => CohereRerankMapping.Response(response, request);

    [HookOverride(ProviderHook.GetModelsEndpoint)]
    private static string ModelsEndpoint() => "/v1/models";

    [HookOverride(ProviderHook.ParseModelsResponse)]
    private static ModelList ParseModels(CohereModelsResponse response) => CohereResponses.Models(response);
}

/// <summary>The feature set of the Command models.</summary>
internal static class CohereFeatures
{
    public const ModelFeatures Chat = ModelFeatures.Tools | ModelFeatures.JsonMode | ModelFeatures.JsonSchema | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;
}
