using System.Net.Http.Headers;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Samples.DerivedConnector;

/// <summary>
/// The OpenAI connector adapted for Azure-hosted deployments. Azure differs in three ways: the URL names the
/// deployment (<c>/openai/deployments/{deployment}</c>), authentication uses an <c>api-key</c> header instead of
/// <c>Authorization: Bearer</c>, and every request carries <c>api-version</c>. Everything else — request format,
/// response parsing, streaming, error classification — is inherited from <see cref="OpenAICompatibleProvider"/>.
/// </summary>
[Provider("azure.openai.v1", ApiKeyEnv = "AZURE_OPENAI_API_KEY")]
[ModelInfo("gpt-4o-prod", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 16_384, InputPricePer1K = 0.0025, OutputPricePer1K = 0.01,
    Features = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.Streaming | ModelFeatures.SystemPrompt)]
internal sealed partial class AzureOpenAIProvider : OpenAICompatibleProvider
{
    /// <summary>The Azure OpenAI REST API version sent with every request.</summary>
    public const string ApiVersion = "2024-02-01";

    /// <summary>Use Azure's api-key header instead of the Bearer token (runs after the default headers).</summary>
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        headers.Authorization = null;
        headers.Remove("api-key");
        headers.TryAddWithoutValidation("api-key", Options.ApiKey);
    }

    /// <summary>The deployment (the request's model) in the path, and the required api-version.</summary>
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint(ChatCompletionRequest request) =>
        $"/openai/deployments/{Uri.EscapeDataString(request.Model)}/chat/completions?api-version={ApiVersion}";
}
