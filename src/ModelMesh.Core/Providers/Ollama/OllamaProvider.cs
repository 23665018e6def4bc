using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Ollama;

/// <summary>
/// The <c>ollama.local.v1</c> connector: Ollama's native API — <c>/api/chat</c> (NDJSON streams, thinking, tool
/// calls, model options, <c>keep_alive</c>), <c>/api/embed</c>, and <c>/api/tags</c> with <c>/api/show</c> for model discovery. No key is needed; one given is
/// sent as <c>Authorization: Bearer</c> (for an Ollama behind an authenticating proxy). Ollama's OpenAI-compatible
/// endpoints stay reachable through the <c>openai-compatible</c> connector with <c>base_url: http://localhost:11434</c>.
/// </summary>
/// <remarks>
/// The provider's <c>config: keep_alive</c> (a duration such as <c>10m</c>, or a number of seconds, negative to keep the
/// model loaded) is sent with every request; a request's own <c>keep_alive</c> field wins. See docs/providers/ollama.md.
/// </remarks>
[Provider("ollama.local.v1", BaseUrl = "http://localhost:11434", StreamFormat = StreamFormat.NewlineDelimitedJson, SettingKeys = [KeepAliveKey],
    WireRecords = [typeof(OllamaShowRequest), typeof(OllamaShowResponse)])]
[ModelInfo("llama3", "chat-completion", ContextWindow = 8_192, Features = OllamaModels.Text)]
[ModelInfo("llama3.1", "chat-completion", ContextWindow = 131_072, Features = OllamaModels.TextTools)]
[ModelInfo("llama3.2", "chat-completion", ContextWindow = 131_072, Features = OllamaModels.TextTools)]
[ModelInfo("llama3.3", "chat-completion", ContextWindow = 131_072, Features = OllamaModels.TextTools)]
[ModelInfo("qwen3", "chat-completion", ContextWindow = 40_960, Features = OllamaModels.TextTools | ModelFeatures.Reasoning)]
[ModelInfo("gpt-oss", "chat-completion", ContextWindow = 131_072, Features = OllamaModels.TextTools | ModelFeatures.Reasoning)]
[ModelInfo("deepseek-r1", "chat-completion", ContextWindow = 131_072, Features = OllamaModels.TextTools | ModelFeatures.Reasoning)]
[ModelInfo("gemma3", "chat-completion", ContextWindow = 131_072, Features = OllamaModels.Text | ModelFeatures.Vision)]
[ModelInfo("mistral", "chat-completion", ContextWindow = 32_768, Features = OllamaModels.TextTools)]
[ModelInfo("phi4", "chat-completion", ContextWindow = 16_384, Features = OllamaModels.Text)]
[ModelInfo("nomic-embed-text", "text-embeddings", ContextWindow = 8_192)]
[ModelInfo("mxbai-embed-large", "text-embeddings", ContextWindow = 512)]
public sealed partial class OllamaProvider : BaseProvider
{
    /// <summary>The <c>config:</c> key for how long Ollama keeps the model loaded after a request.</summary>
    public const string KeepAliveKey = "keep_alive";

    private readonly JsonElement? _keepAlive;

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Where the Ollama server is; <see cref="ProviderOptions.Settings"/> may hold <c>keep_alive</c>.</param>
    /// <param name="httpClient">The client to send with, or null for one of its own.</param>
    /// <exception cref="ConfigurationException"><c>keep_alive</c> is neither a duration nor a number of seconds.</exception>
    public OllamaProvider(ProviderOptions options, HttpClient? httpClient = null)
        : base(options, httpClient)
    {
        _keepAlive = OllamaKeepAlive.FromSettings(options.Settings, KeepAliveKey);
    }

    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string ChatEndpoint() => "/api/chat";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private OllamaChatRequest BuildChat(ChatCompletionRequest request) => OllamaRequests.Chat(request, _keepAlive);

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion ParseChat(OllamaChatResponse response) => OllamaResponses.Completion(response);

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private static ChatCompletionChunk? ParseLine(OllamaChatResponse line, OllamaStreamState state) => OllamaResponses.Chunk(line, state);

    [HookOverride(ProviderHook.GetEmbeddingsEndpoint)]
    private static string EmbedEndpoint() => "/api/embed";

    [HookOverride(ProviderHook.BuildEmbeddingsPayload)]
    private OllamaEmbedRequest BuildEmbed(EmbeddingRequest request) => OllamaRequests.Embed(request, _keepAlive);

    [HookOverride(ProviderHook.ParseEmbeddingsResponse)]
    private static EmbeddingResponse ParseEmbed(OllamaEmbedResponse response, EmbeddingRequest request) => OllamaResponses.Embeddings(response, request);

    [HookOverride(ProviderHook.GetModelsEndpoint)]
    private static string TagsEndpoint() => "/api/tags";

    [HookOverride(ProviderHook.ParseModelsResponse)]
    private static ModelList ParseTags(OllamaTagsResponse response) => OllamaResponses.Models(response);

    /// <summary>
    /// The pulled models (<c>/api/tags</c>), each of the first <see cref="OllamaDiscovery.MaxShown"/> described by
    /// <c>POST /api/show</c> (a few at a time). A model <c>/api/show</c> fails for, or an Ollama too old to report
    /// <c>capabilities</c>, keeps unknown capabilities; the caller's cancellation ends every call.
    /// </summary>
    protected override async Task<IReadOnlyList<DiscoveredModel>> DiscoverModelsCoreAsync(CancellationToken cancellationToken)
    {
        var tags = await ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var names = tags.Data.Select(m => m.Id).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToArray();
        var described = new DiscoveredModel[names.Length];
        using var slots = new SemaphoreSlim(OllamaDiscovery.Parallelism);
        await Task.WhenAll(names.Select(async (name, i) =>
        {
            if (i >= OllamaDiscovery.MaxShown)
            {
                described[i] = new DiscoveredModel(name);
                return;
            }
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                described[i] = OllamaDiscovery.Describe(name, await ShowAsync(name, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        return described;
    }

    /// <summary>A model's reported capabilities; null when <c>/api/show</c> fails for it or does not report them.</summary>
    private async Task<IReadOnlyList<string>?> ShowAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var show = await SendAndReadAsync(HttpMethod.Post, "/api/show", () => JsonContent(w => WireJson.Write(w, new OllamaShowRequest { Model = name })),
                static body => WireJson.ReadOllamaShowResponse(body.Span), name, "the model's details", cancellationToken).ConfigureAwait(false);
            return show.Error is null ? show.Capabilities : null;
        }
        catch (ProviderException)
        {
            return null; // one model's details missing leaves it to the provider's default capabilities
        }
    }
}

/// <summary>The feature sets of the catalogue.</summary>
internal static class OllamaModels
{
    public const ModelFeatures Text = ModelFeatures.JsonMode | ModelFeatures.JsonSchema | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;
    public const ModelFeatures TextTools = Text | ModelFeatures.Tools;
}
