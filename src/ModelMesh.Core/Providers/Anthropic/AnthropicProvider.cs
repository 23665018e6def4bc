using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Anthropic;

/// <summary>
/// Anthropic's native Messages API (<c>POST /v1/messages</c>, <c>x-api-key</c>, <c>anthropic-version: 2023-06-01</c>):
/// OpenAI-shaped requests and answers mapped to and from content blocks, the stream's named events mapped to chunks.
/// See docs/providers/anthropic.md for what is mapped and what is not.
/// </summary>
// The detection defaults (Sonnet 4, Haiku 4.5) come first: a mesh made from the environment starts with them.
[Provider("anthropic.claude.v1", BaseUrl = "https://api.anthropic.com", ApiKeyEnv = "ANTHROPIC_API_KEY", EndEvent = "message_stop")]
[ModelInfo("claude-sonnet-4-20250514", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 64_000, InputPricePer1K = 0.003, OutputPricePer1K = 0.015, Features = Claude)]
[ModelInfo("claude-haiku-4-5-20251001", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 64_000, InputPricePer1K = 0.001, OutputPricePer1K = 0.005, Features = Claude)]
[ModelInfo("claude-sonnet-4-5-20250929", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 64_000, InputPricePer1K = 0.003, OutputPricePer1K = 0.015, Features = Claude)]
[ModelInfo("claude-opus-4-5-20251101", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 64_000, InputPricePer1K = 0.005, OutputPricePer1K = 0.025, Features = Claude)]
[ModelInfo("claude-opus-4-1-20250805", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 32_000, InputPricePer1K = 0.015, OutputPricePer1K = 0.075, Features = Claude)]
[ModelInfo("claude-opus-4-20250514", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 32_000, InputPricePer1K = 0.015, OutputPricePer1K = 0.075, Features = Claude)]
public sealed partial class AnthropicProvider : BaseProvider
{
    /// <summary>The API version every request names.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary><c>max_tokens</c> for a model the catalogue does not know, when the request sets none (the API requires one).</summary>
    public const int FallbackMaxTokens = 4_096;

    // No JsonSchema/JsonMode: response_format is not mapped, so the router sends structured-output requests elsewhere.
    private const ModelFeatures Claude = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.Streaming | ModelFeatures.SystemPrompt
        | ModelFeatures.Reasoning; // every catalogued Claude takes extended thinking

    /// <summary><c>x-api-key</c> and <c>anthropic-version</c> in place of the Bearer key; configured headers (for example <c>anthropic-beta</c>) stay.</summary>
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        if (headers.Authorization is { Scheme: "Bearer" } bearer && bearer.Parameter == Options.ApiKey)
        {
            headers.Authorization = null; // the key goes in x-api-key only
        }
        if (!string.IsNullOrEmpty(Options.ApiKey) && !headers.Contains("x-api-key"))
        {
            headers.TryAddWithoutValidation("x-api-key", Options.ApiKey);
        }
        if (!headers.Contains("anthropic-version"))
        {
            headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        }
    }

    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/v1/messages";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static AnthropicRequest Build(ChatCompletionRequest request) => AnthropicRequestMapper.Map(request, DefaultMaxTokens(request.Model));

    /// <summary>The model's largest output from the catalogue, or <see cref="FallbackMaxTokens"/>.</summary>
    internal static int DefaultMaxTokens(string upstreamModel) =>
        Catalogue.FirstOrDefault(m => m.UpstreamModel == upstreamModel)?.MaxOutputTokens ?? FallbackMaxTokens;

    [HookOverride(ProviderHook.ParseResponse)]
    private ChatCompletion Parse(AnthropicResponse response) => AnthropicResponseMapper.Map(response, Options.TimeProvider);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "message_start")]
    private ChatCompletionChunk? Start(MessageStartEvent e, AnthropicStreamState state) => AnthropicStreamMapper.Start(e, state, Options.TimeProvider);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "content_block_start")]
    private static ChatCompletionChunk? BlockStart(ContentBlockStartEvent e, AnthropicStreamState state) => AnthropicStreamMapper.BlockStart(e, state);

    // Nearly every event is a content_block_delta: read by hand, without wire objects or a string for its type.
    [HookOverride(ProviderHook.ParseStreamChunk, Event = "content_block_delta")]
    private static ChatCompletionChunk? BlockDelta(SseEvent e, AnthropicStreamState state) => AnthropicStreamMapper.BlockDelta(BlockDeltaReader.Read(e.Data.Span), state);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "content_block_stop")]
    private static ChatCompletionChunk? BlockStop(ContentBlockStopEvent e, AnthropicStreamState state) => AnthropicStreamMapper.BlockStop(e, state);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "message_delta")]
    private static ChatCompletionChunk? Finish(MessageDeltaEvent e, AnthropicStreamState state) => AnthropicStreamMapper.Finish(e, state);

    // ping carries nothing; an error event (overloaded_error mid-stream) is an in-band error,
    // classified by Classify below.

    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(AnthropicErrorResponse body) => AnthropicErrors.Classify(body);
}
