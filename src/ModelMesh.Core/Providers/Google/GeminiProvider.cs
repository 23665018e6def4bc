using System.Net.Http.Headers;
using System.Text;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Google;

/// <summary>
/// Google's Gemini API (<c>generativelanguage.googleapis.com</c>), natively: <c>models/{model}:generateContent</c>,
/// <c>:streamGenerateContent?alt=sse</c> and <c>:batchEmbedContents</c>, the key in <c>x-goog-api-key</c> (never in
/// the URL). Written with the CDK: wire records and mapping hooks, no JSON code. Gemini streams end when the body
/// ends (no <c>[DONE]</c>): the CDK's rule applies, so a stream is complete once a chunk carried a finish reason and a
/// body cut before that is a <see cref="ProviderException"/>. See docs/providers/google.md.
/// </summary>
[Provider("google.gemini.v1", BaseUrl = "https://generativelanguage.googleapis.com", ApiKeyEnv = "GEMINI_API_KEY")]
[ModelInfo("gemini-2.5-pro", "chat-completion", ContextWindow = 1_048_576, MaxOutputTokens = 65_536,
    InputPricePer1K = 0.00125, OutputPricePer1K = 0.01, Features = Thinking)]
[ModelInfo("gemini-2.5-flash", "chat-completion", ContextWindow = 1_048_576, MaxOutputTokens = 65_536,
    InputPricePer1K = 0.0003, OutputPricePer1K = 0.0025, Features = Thinking)]
[ModelInfo("gemini-2.5-flash-lite", "chat-completion", ContextWindow = 1_048_576, MaxOutputTokens = 65_536,
    InputPricePer1K = 0.0001, OutputPricePer1K = 0.0004, Features = Thinking)]
[ModelInfo("gemini-2.0-flash", "chat-completion", ContextWindow = 1_048_576, MaxOutputTokens = 8_192,
    InputPricePer1K = 0.0001, OutputPricePer1K = 0.0004, Features = Multimodal)]
[ModelInfo("gemini-2.0-flash-lite", "chat-completion", ContextWindow = 1_048_576, MaxOutputTokens = 8_192,
    InputPricePer1K = 0.000075, OutputPricePer1K = 0.0003, Features = Multimodal)]
[ModelInfo("gemini-embedding-001", "text-embeddings", ContextWindow = 2_048, InputPricePer1K = 0.00015)]
public partial class GeminiProvider : BaseProvider
{
    /// <summary>What every catalogued Gemini chat model takes: tools, images, audio, JSON mode and schema, streaming, a system instruction.</summary>
    private const ModelFeatures Multimodal = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.AudioInput | ModelFeatures.JsonSchema
        | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;

    /// <summary>The 2.5 models think: <c>reasoning_effort</c> becomes their thinking budget.</summary>
    private const ModelFeatures Thinking = Multimodal | ModelFeatures.Reasoning;

    /// <summary>The key goes in <c>x-goog-api-key</c>, never as <c>?key=</c> (URLs end up in logs), and no Bearer header is sent.</summary>
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        headers.Authorization = null;
        if (!string.IsNullOrEmpty(Options.ApiKey))
        {
            headers.Remove("x-goog-api-key");
            headers.TryAddWithoutValidation("x-goog-api-key", Options.ApiKey);
        }
    }

    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private string CompletionEndpoint(ChatCompletionRequest request) =>
        ModelPath(request.Model) + (request.Stream == true ? ":streamGenerateContent?alt=sse" : ":generateContent");

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static GeminiRequest Build(ChatCompletionRequest request) => GeminiRequestMapper.Build(request);

    [HookOverride(ProviderHook.ParseResponse)]
    private ChatCompletion Parse(GeminiResponse response) =>
        response.Error is { } error ? throw InBandError(Encoding.UTF8.GetBytes(error.GetRawText())) : GeminiResponseMapper.ToCompletion(response, Now());

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private ChatCompletionChunk? Chunk(GeminiResponse response) =>
        response.Error is { } error ? throw InBandError(Encoding.UTF8.GetBytes(error.GetRawText())) : GeminiResponseMapper.ToChunk(response, Now());

    /// <summary>
    /// Google's filters: a typed content-filter error (not retryable; the router gives it to the caller). Everything
    /// else is the default classifier's, which reads Google's <c>google.rpc.Status</c> errors (a bad key's 400 is an
    /// authentication failure, <c>RetryInfo.retryDelay</c> the retry delay).
    /// </summary>
    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(ProviderError error) => error.Exception is GeminiContentBlockedException blocked
        ? new ErrorClassification(ProviderErrorCategory.ContentFilter, IsRetryable: false) { Code = blocked.Reason, Message = blocked.Message }
        : null;

    [HookOverride(ProviderHook.GetEmbeddingsEndpoint)]
    private string EmbeddingsEndpoint(EmbeddingRequest request) => ModelPath(request.Model) + ":batchEmbedContents";

    [HookOverride(ProviderHook.BuildEmbeddingsPayload)]
    private static GeminiBatchEmbedRequest BuildEmbeddings(EmbeddingRequest request) => GeminiEmbeddingsMapper.Build(request);

    [HookOverride(ProviderHook.ParseEmbeddingsResponse)]
    private static EmbeddingResponse ParseEmbeddings(GeminiBatchEmbedResponse response, EmbeddingRequest request) => GeminiEmbeddingsMapper.Parse(response, request);

    private long Now() => Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// <c>/v1beta/models/{model}</c>; the version segment is left out when the configured base URL already ends in one
    /// (<c>…/v1beta</c>, <c>…/v1</c>), so both spellings of <c>base_url</c> work.
    /// </summary>
    private string ModelPath(string model)
    {
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var basePath = Options.BaseUrl.AbsolutePath.TrimEnd('/');
        var version = basePath.EndsWith("/v1beta", StringComparison.Ordinal) || basePath.EndsWith("/v1", StringComparison.Ordinal)
            || basePath.EndsWith("/v1alpha", StringComparison.Ordinal) ? string.Empty : "/v1beta";
        return version + "/models/" + Uri.EscapeDataString(name);
    }
}
