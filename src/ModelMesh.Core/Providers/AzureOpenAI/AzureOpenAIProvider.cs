using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI (<c>azure-openai.llm.v1</c>): OpenAI's format on an Azure resource. The URL names the deployment
/// (the model's upstream name) — <c>{base_url}/openai/deployments/{deployment}/chat/completions?api-version=…</c> —,
/// the key goes in the <c>api-key</c> header (or a configured <c>Authorization</c> header carries a Microsoft Entra ID
/// token), and Azure's content filter is mapped: the <c>prompt_filter_results</c> and <c>content_filter_results</c>
/// it adds stay in the chunks' and choices' <c>AdditionalProperties</c>, and an answer the filter withheld entirely is
/// a <see cref="ContentFilterException"/>. Everything else is <see cref="OpenAICompatibleProvider"/>'s.
/// </summary>
/// <remarks>
/// No default base URL (it is the resource's endpoint, <c>https://&lt;resource&gt;.openai.azure.com</c>) and no
/// catalogue (deployments are the user's own). <c>config: api_version</c> sets the REST API version, default
/// <see cref="DefaultApiVersion"/>. See docs/providers/azure-openai.md.
/// </remarks>
[Provider("azure-openai.llm.v1", SettingKeys = [ApiVersionKey])]
public sealed partial class AzureOpenAIProvider : OpenAICompatibleProvider
{
    /// <summary>The <c>config:</c> key for the REST API version sent as <c>api-version</c>.</summary>
    public const string ApiVersionKey = "api_version";

    /// <summary>The API version sent when the configuration names none: the current generally available data-plane version.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    private const string KeyHeader = "api-key";

    private readonly string _apiVersion;
    private readonly string _prefix;

    /// <summary>Creates the provider.</summary>
    /// <param name="options">
    /// The resource endpoint as <see cref="ProviderOptions.BaseUrl"/>; the key as <see cref="ProviderOptions.ApiKey"/>
    /// (or an <c>api-key</c> or <c>Authorization</c> entry in <see cref="ProviderOptions.Headers"/>);
    /// <see cref="ProviderOptions.Settings"/> may hold <c>api_version</c>.
    /// </param>
    /// <param name="httpClient">The client to send with, or null for one of its own.</param>
    /// <exception cref="ConfigurationException">There is no key or credential header, or <c>api_version</c> is not a version.</exception>
    public AzureOpenAIProvider(ProviderOptions options, HttpClient? httpClient = null)
        : base(options, httpClient)
    {
        _apiVersion = AzureApiVersion.FromSettings(options.Settings, ApiVersionKey) ?? DefaultApiVersion;
        AzureCredentials.EnsurePresent(options, ConnectorId);
        // "https://r.openai.azure.com/openai" is written too (the SDKs' spelling): do not send /openai/openai/….
        _prefix = options.BaseUrl.AbsolutePath.TrimEnd('/').EndsWith("/openai", StringComparison.OrdinalIgnoreCase) ? string.Empty : "/openai";
    }

    /// <summary>The API version this provider sends.</summary>
    public string ApiVersion => _apiVersion;

    /// <summary>Azure's <c>api-key</c> header instead of <c>Authorization: Bearer</c>; a configured header of either name wins.</summary>
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        // The default wrote the key as a Bearer token; Azure reads it from api-key. A configured Authorization
        // (an Entra ID token) replaced it there and stays.
        if (!AzureCredentials.Configured(Options, "Authorization"))
        {
            headers.Authorization = null;
        }
        if (!string.IsNullOrEmpty(Options.ApiKey) && !headers.Contains(KeyHeader))
        {
            headers.TryAddWithoutValidation(KeyHeader, Options.ApiKey);
        }
    }

    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private string ChatEndpoint(ChatCompletionRequest request) => Deployment(request.Model, "chat/completions");

    [HookOverride(ProviderHook.GetEmbeddingsEndpoint)]
    private string EmbeddingsEndpoint(EmbeddingRequest request) => Deployment(request.Model, "embeddings");

    [HookOverride(ProviderHook.GetSpeechEndpoint)]
    private string SpeechEndpoint(SpeechRequest request) => Deployment(request.Model, "audio/speech");

    [HookOverride(ProviderHook.GetTranscriptionEndpoint)]
    private string TranscriptionEndpoint(TranscriptionRequest request) => Deployment(request.Model, "audio/transcriptions");

    /// <summary>The models the resource can deploy (not the deployments, which only the management API lists).</summary>
    [HookOverride(ProviderHook.GetModelsEndpoint)]
    private string ModelsEndpoint() => _prefix + "/models" + Query();

    [HookOverride(ProviderHook.ParseResponse)]
    private ChatCompletion Parse(ReadOnlyMemory<byte> body) => AzureContentFilter.Check(base.ParseResponse(body));

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private ChatCompletionChunk? Chunk(SseEvent streamEvent, AzureStreamState state) => AzureContentFilter.Check(base.ParseStreamChunk(streamEvent), state);

    /// <summary>An answer the filter withheld is a content-filter error; the rest is the default classifier's (which reads Azure's error codes).</summary>
    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(ProviderError error) => error.Exception is AzureContentFilteredException filtered
        ? new ErrorClassification(ProviderErrorCategory.ContentFilter, IsRetryable: false) { Code = FinishReason.ContentFilter, Message = filtered.Message }
        : null;

    private string Deployment(string deployment, string operation) =>
        $"{_prefix}/deployments/{Uri.EscapeDataString(deployment)}/{operation}{Query()}";

    private string Query() => "?api-version=" + Uri.EscapeDataString(_apiVersion);
}
